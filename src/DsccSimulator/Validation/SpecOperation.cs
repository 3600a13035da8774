using System.Globalization;

namespace DsccSimulator.Validation;

/// <summary>A request or response body of an operation: the spec model's schema key, or none for no content.</summary>
/// <param name="SchemaKey">Entry of the model's <c>$defs</c> to validate against; null when the body is empty.</param>
/// <param name="SchemaName">The spec's component name when the body is one (<c>createVolumeInput</c>), else null.
/// </param>
public sealed record SpecBody(string SchemaKey, string SchemaName)
{
    public bool HasContent => SchemaKey is not null;

    /// <summary>How messages name the schema: the component name, or the model key of an inline schema.</summary>
    public string DisplayName => SchemaName ?? SchemaKey;
}

/// <summary>One operation of the spec: method, path template, request body and responses by status.</summary>
public sealed record SpecOperation(
    string OperationId,
    string Method,
    string Path,
    SpecBody Request,
    bool RequestRequired,
    IReadOnlyDictionary<string, SpecBody> Responses)
{
    /// <summary>
    /// The declared response for a status: the exact code, then its class (<c>4XX</c>), then <c>default</c>, as
    /// OpenAPI resolves them; null when the spec declares none of these.
    /// </summary>
    public SpecBody ResponseFor(int status)
    {
        var code = status.ToString(CultureInfo.InvariantCulture);
        return Responses.GetValueOrDefault(code)
            ?? Responses.GetValueOrDefault(code[0] + "XX")
            ?? Responses.GetValueOrDefault("default");
    }

    /// <summary>The key under which <see cref="ResponseFor"/> found the response (for reports).</summary>
    public string DeclaredStatusFor(int status)
    {
        var code = status.ToString(CultureInfo.InvariantCulture);
        return new[] { code, code[0] + "XX", "default" }.FirstOrDefault(Responses.ContainsKey);
    }

    public override string ToString() => $"{OperationId} ({Method} {Path})";
}
