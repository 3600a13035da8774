using System.Text.Json;
using DsccSimulator.Errors;

namespace DsccSimulator.Control;

/// <summary>
/// Strict reading of a <c>/_sim</c> request body: a JSON object with only known properties of the right types.
/// A typo in a test's control call must fail loudly (400 naming the property), never be silently ignored.
/// </summary>
public sealed class ControlBody
{
    private readonly JsonElement root;

    private ControlBody(JsonElement root) => this.root = root;

    public static async Task<ControlBody> ReadAsync(HttpRequest request, params string[] allowed)
    {
        JsonElement root;
        try
        {
            using var document = await JsonDocument.ParseAsync(
                request.Body, cancellationToken: request.HttpContext.RequestAborted);
            root = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw ApiException.BadRequest($"The body is not valid JSON: {ex.Message}");
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw ApiException.BadRequest("The body must be a JSON object.");
        }

        var unknown = root.EnumerateObject().Select(p => p.Name).Where(name => !allowed.Contains(name)).ToList();
        if (unknown.Count > 0)
        {
            var names = string.Join(", ", unknown.Select(name => $"'{name}'"));
            throw ApiException.BadRequest(
                $"Unknown propert{(unknown.Count == 1 ? "y" : "ies")} {names}; allowed: {string.Join(", ", allowed)}.");
        }

        return new ControlBody(root);
    }

    public bool Has(string name) => root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;

    public string RequiredText(string name) =>
        OptionalText(name) is { Length: > 0 } text && !string.IsNullOrWhiteSpace(text)
            ? text
            : throw ApiException.BadRequest($"Property '{name}' is required and must be a non-empty string.");

    public string OptionalText(string name)
    {
        if (!Has(name))
        {
            return null;
        }

        var value = root.GetProperty(name);
        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw ApiException.BadRequest($"Property '{name}' must be a string.");
    }

    /// <summary>A header-like value given as a string or a number (<c>"2"</c> or <c>2</c>).</summary>
    public string OptionalTextOrNumber(string name)
    {
        if (!Has(name))
        {
            return null;
        }

        var value = root.GetProperty(name);
        return value.ValueKind switch
        {
            JsonValueKind.String when !string.IsNullOrWhiteSpace(value.GetString()) => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => throw ApiException.BadRequest($"Property '{name}' must be a non-empty string or a number."),
        };
    }

    public int? OptionalInt(string name, int min, int max)
    {
        if (!Has(name))
        {
            return null;
        }

        var value = root.GetProperty(name);
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number) || number < min
            || number > max)
        {
            throw ApiException.BadRequest($"Property '{name}' must be a whole number from {min} to {max}.");
        }

        return number;
    }

    /// <summary>Any JSON value, kept as given (for a fault's custom body).</summary>
    public JsonElement? OptionalJson(string name) => Has(name) ? root.GetProperty(name).Clone() : null;
}
