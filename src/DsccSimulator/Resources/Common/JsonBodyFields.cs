using System.Text.Json;
using DsccSimulator.Errors;

namespace DsccSimulator.Resources.Common;

/// <summary>
/// Reads optional fields of a request body the schema validator has already passed: a JSON <c>null</c> counts as
/// absent, as the spec marks nearly every input property nullable. <c>path</c> prefixes name nested fields in
/// error messages (<c>hostsToCreate[0].name</c>).
/// </summary>
public static class JsonBodyFields
{
    public static string String(JsonElement body, string property) =>
        body.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    /// <summary>A string that, when given, must not be blank; returned trimmed.</summary>
    public static string NonBlank(JsonElement body, string property, string path)
    {
        var text = String(body, property);
        if (text is not null && string.IsNullOrWhiteSpace(text))
        {
            throw ApiException.BadRequest($"Property '{path}{property}' must not be empty.");
        }

        return text?.Trim();
    }

    public static long? Int64(JsonElement body, string property) =>
        body.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Number
            ? value.GetInt64()
            : null;

    public static bool? Bool(JsonElement body, string property) =>
        body.TryGetProperty(property, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? value.GetBoolean()
            : null;

    /// <summary>A list of ids or names; null when absent. Null or blank entries are a 400.</summary>
    public static IReadOnlyList<string> Strings(JsonElement body, string property, string path)
    {
        if (!body.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw ApiException.BadRequest($"Property '{path}{property}' must be an array of strings.");
        }

        var items = new List<string>();
        var index = 0;
        foreach (var element in value.EnumerateArray())
        {
            if (element.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(element.GetString()))
            {
                throw ApiException.BadRequest($"Property '{path}{property}[{index}]' must be a non-empty string.");
            }

            items.Add(element.GetString().Trim());
            index++;
        }

        return items;
    }

    /// <summary>The objects of an array property, each with its path for messages; empty when absent.</summary>
    public static IEnumerable<(JsonElement Element, string Path)> Objects(
        JsonElement body, string property, string path)
    {
        if (!body.TryGetProperty(property, out var value) || value.ValueKind != JsonValueKind.Array)
        {
            yield break;
        }

        var index = 0;
        foreach (var element in value.EnumerateArray())
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                throw ApiException.BadRequest($"Property '{path}{property}[{index}]' must be an object.");
            }

            yield return (element, $"{path}{property}[{index}].");
            index++;
        }
    }
}
