using System.Text.Json;
using DsccSimulator.Errors;

namespace DsccSimulator.Validation;

/// <summary>Reads a JSON request body and checks it against a spec request schema, or ends the request (400).</summary>
public static class JsonRequestBody
{
    public static async Task<JsonElement> ReadValidAsync(HttpRequest request, RequestSchemas schemas, string schemaName)
    {
        if (!IsJson(request.ContentType))
        {
            var sent = request.ContentType ?? "no content type";
            throw ApiException.BadRequest($"Send the request body as application/json ({schemaName}); got '{sent}'.");
        }

        JsonElement body;
        try
        {
            using var document = await JsonDocument.ParseAsync(
                request.Body, cancellationToken: request.HttpContext.RequestAborted);
            body = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            var problem = ex.BytePositionInLine is null
                ? "the request body is empty or not JSON"
                : $"line {ex.LineNumber + 1}, position {ex.BytePositionInLine + 1}";
            throw ApiException.BadRequest($"Invalid request body: malformed JSON ({problem}).");
        }

        var problems = schemas.Validate(body, schemaName);
        if (problems.Count > 0)
        {
            throw ApiException.BadRequest($"Invalid request body for {schemaName}: {string.Join(" ", problems)}");
        }

        return body;
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
