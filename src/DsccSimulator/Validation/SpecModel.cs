using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing.Patterns;

namespace DsccSimulator.Validation;

/// <summary>
/// The official spec as the build compiled it (<c>spec-model.json</c>, embedded by DsccSimulator.csproj from
/// DsccSpecCompiler's output): every operation with its request and response bodies, and the JSON Schema
/// 2020-12 document they point into. Loaded once per process; the simulator and its tests share the instance.
/// </summary>
public sealed partial class SpecModel
{
    private const string ResourceName = "DsccSimulator.spec-model.json";

    private static readonly Lazy<SpecModel> Embedded = new(Load);

    private readonly Dictionary<string, SpecOperation> byRoute;

    private SpecModel(string title, string version, IReadOnlyList<SpecOperation> operations, SpecSchemas schemas)
    {
        Title = title;
        Version = version;
        Operations = operations;
        Schemas = schemas;
        byRoute = operations.ToDictionary(o => RouteKey(o.Method, o.Path), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The spec's <c>info.title</c>.</summary>
    public string Title { get; }

    /// <summary>The spec's <c>info.version</c> (1.4.0).</summary>
    public string Version { get; }

    public IReadOnlyList<SpecOperation> Operations { get; }

    public SpecSchemas Schemas { get; }

    public static SpecModel LoadEmbedded() => Embedded.Value;

    /// <summary>
    /// The operation for a method and a path template. Parameter names and route constraints do not matter
    /// (<c>{id:guid}</c> matches the spec's <c>{taskId}</c>), just as they do not to a router.
    /// </summary>
    public SpecOperation Find(string method, string pathTemplate) =>
        byRoute.GetValueOrDefault(RouteKey(method, pathTemplate));

    /// <summary>The operation an endpoint serves for a method, or null when the spec has no such operation.</summary>
    public SpecOperation Find(string method, RoutePattern pattern) => Find(method, Template(pattern));

    /// <summary>
    /// The pattern's path with every parameter as <c>{}</c>. Built from the segments rather than
    /// <see cref="RoutePattern.RawText"/>, which may hold only the last part of a pattern mapped in a group.
    /// </summary>
    public static string Template(RoutePattern pattern) =>
        "/" + string.Join('/', pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part =>
            part switch
            {
                RoutePatternLiteralPart literal => literal.Content,
                RoutePatternSeparatorPart separator => separator.Content,
                _ => "{}",
            }))));

    private static string RouteKey(string method, string pathTemplate) =>
        method.ToUpperInvariant() + " " + "/" + Parameter().Replace(pathTemplate, "{}").Trim('/');

    private static SpecModel Load()
    {
        using var stream = typeof(SpecModel).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing; rebuild.");
        using var document = JsonDocument.Parse(stream);
        var root = document.RootElement;

        var operations = root.GetProperty("operations").EnumerateArray().Select(ReadOperation).ToList();
        var formats = root.GetProperty("formats").EnumerateArray().Select(f => f.GetString()).ToList();
        var schemas = new SpecSchemas(
            root.GetProperty("schemaId").GetString(), root.GetProperty("schema").Clone(), formats);
        return new SpecModel(
            root.GetProperty("title").GetString(), root.GetProperty("version").GetString(), operations, schemas);
    }

    private static SpecOperation ReadOperation(JsonElement operation)
    {
        var hasRequest = operation.TryGetProperty("request", out var request);
        var responses = operation.GetProperty("responses").EnumerateObject()
            .ToDictionary(r => r.Name, r => ReadBody(r.Value), StringComparer.OrdinalIgnoreCase);
        return new SpecOperation(
            operation.GetProperty("operationId").GetString(),
            operation.GetProperty("method").GetString(),
            operation.GetProperty("path").GetString(),
            hasRequest ? ReadBody(request) : null,
            hasRequest && request.GetProperty("required").GetBoolean(),
            responses);
    }

    private static SpecBody ReadBody(JsonElement body) => new(
        body.TryGetProperty("schema", out var key) ? key.GetString() : null,
        body.TryGetProperty("schemaName", out var name) ? name.GetString() : null);

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Parameter();
}
