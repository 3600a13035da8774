using System.Text.Json;
using DsccSimulator.Errors;

namespace DsccSimulator.Validation;

/// <summary>
/// Validates the JSON body of every POST, PUT and PATCH against the request schema of the spec operation the
/// matched endpoint serves (found from the endpoint's route pattern and the method), before the handler runs. Any
/// endpoint mapped under a spec path is covered without code of its own. Runs after routing.
/// <para>
/// A 400 in the path's error schema, naming the offending fields: a body that is not JSON (or not sent as JSON), a
/// property the schema does not define, a missing required property, a wrong JSON type, a value outside an enum
/// or a format. Handlers read the parsed body with <see cref="BodyOf"/>; the stream is rewound for any that read
/// it themselves.
/// </para>
/// </summary>
public sealed class RequestBodyValidationMiddleware
{
    private static readonly object BodyKey = new();

    private readonly RequestDelegate next;

    public RequestBodyValidationMiddleware(RequestDelegate next)
    {
        this.next = next;

        // Building the model's schemas takes about half a second: do it beside startup, not before the banner,
        // and usually before the first body arrives (which otherwise waits for it).
        ThreadPool.QueueUserWorkItem(_ => SpecModel.LoadEmbedded());
    }

    /// <summary>The validated request body; only for endpoints whose operation declares one.</summary>
    public static JsonElement BodyOf(HttpContext context) =>
        context.Items.TryGetValue(BodyKey, out var body) && body is JsonElement element
            ? element
            : throw new InvalidOperationException("No validated body: the spec operation declares no request body.");

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if ((HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method)
                || HttpMethods.IsPatch(request.Method))
            && context.GetEndpoint() is RouteEndpoint endpoint
            && context.RequestServices.GetRequiredService<SpecModel>() is var spec
            && spec.Find(request.Method, endpoint.RoutePattern) is { Request: { HasContent: true } } operation)
        {
            var body = await ReadAsync(request, operation);
            if (body is { } value)
            {
                Validate(value, operation, spec);
                context.Items[BodyKey] = value;
            }
        }

        await next(context);
    }

    /// <summary>The parsed body, or null when an optional body was left out.</summary>
    private static async Task<JsonElement?> ReadAsync(HttpRequest request, SpecOperation operation)
    {
        var schemaName = operation.Request.DisplayName;
        request.EnableBuffering();
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        request.Body.Position = 0;

        if (buffer.Length == 0 && !operation.RequestRequired)
        {
            return null;
        }

        if (!IsJson(request.ContentType))
        {
            var sent = request.ContentType ?? "no content type";
            throw ApiException.BadRequest($"Send the request body as application/json ({schemaName}); got '{sent}'.");
        }

        try
        {
            using var document = JsonDocument.Parse(buffer.ToArray());
            return document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            var problem = ex.BytePositionInLine is null
                ? "the request body is empty or not JSON"
                : $"line {ex.LineNumber + 1}, position {ex.BytePositionInLine + 1}";
            throw ApiException.BadRequest($"Invalid request body for {schemaName}: malformed JSON ({problem}).");
        }
    }

    private static void Validate(JsonElement body, SpecOperation operation, SpecModel spec)
    {
        var schemaName = operation.Request.DisplayName;

        // Many request schemas are marked nullable, but a required body of null carries nothing to act on.
        if (body.ValueKind == JsonValueKind.Null && operation.RequestRequired)
        {
            throw ApiException.BadRequest($"The request body must be a JSON object ({schemaName}), not null.");
        }

        var violations = spec.Schemas.Validate(body, operation.Request.SchemaKey);
        if (violations.Count > 0)
        {
            var problems = string.Join(" ", violations.Select(v => v.Message));
            throw ApiException.BadRequest($"Invalid request body for {schemaName}: {problems}");
        }
    }

    private static bool IsJson(string contentType)
    {
        if (contentType is null)
        {
            return false;
        }

        var mediaType = contentType.Split(';')[0].Trim();
        return mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }
}
