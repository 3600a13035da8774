using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using DsccSimulator.Errors;

namespace DsccSimulator.Resources.Common;

/// <summary>
/// Reads values from a request body that already passed its schema check (so types are right), and applies the
/// rules the schemas state only in prose: non-blank names, ranges, whole numbers. Every breach is a 400.
/// </summary>
public static partial class RequestValues
{
    /// <summary>Longest device-type2 volume or snapshot name the spec allows.</summary>
    public const int MaxNimbleNameLength = 215;

    public static string String(JsonElement body, string property) =>
        body.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    /// <summary>A string that, when present, must not be blank.</summary>
    public static string Text(JsonElement body, string property)
    {
        var text = String(body, property);
        return text is not null && string.IsNullOrWhiteSpace(text)
            ? throw ApiException.BadRequest($"Property '{property}' must not be empty.")
            : text;
    }

    /// <summary>A string the request must carry, not blank.</summary>
    public static string RequiredText(JsonElement body, string property) =>
        Text(body, property) ?? throw ApiException.BadRequest($"Property '{property}' is required.");

    /// <summary>
    /// A device-type2 volume or snapshot name (<paramref name="name"/> null passes): the spec's descriptions allow "up
    /// to 215 alphanumeric, hyphenated, colon, or period-separated characters; but cannot begin with hyphen, colon or
    /// period". That is prose, not a schema keyword, so the schema check lets any string through.
    /// </summary>
    public static string NimbleName(string name, string property)
    {
        if (name is null || (name.Length <= MaxNimbleNameLength && NimbleNamePattern().IsMatch(name)))
        {
            return name;
        }

        var shown = name.Length <= 64 ? $"'{name}'" : $"a name of {name.Length} characters";
        throw ApiException.BadRequest(
            $"Property '{property}' must be 1 to {MaxNimbleNameLength} letters, digits, '-', ':' or '.', and must not "
            + $"start with '-', ':' or '.'; got {shown}.");
    }

    public static bool? Bool(JsonElement body, string property) =>
        body.TryGetProperty(property, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? value.GetBoolean()
            : null;

    public static long? Int64(JsonElement body, string property) =>
        body.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Number
            ? value.GetInt64()
            : null;

    /// <summary>An integer that, when present, must lie in [min, max] (or be one of the allowed specials).</summary>
    public static long? Int64InRange(
        JsonElement body, string property, long min, long max, params long[] specials)
    {
        var number = Int64(body, property);
        if (number is { } n && (n < min || n > max) && !specials.Contains(n))
        {
            var also = specials.Length == 0 ? "" : $" (or {string.Join(" or ", specials)})";
            throw ApiException.BadRequest(string.Create(
                CultureInfo.InvariantCulture, $"Property '{property}' must be {min}..{max}{also}, not {n}."));
        }

        return number;
    }

    /// <summary>A JSON number that must be a whole amount of at least 1 (sizes in MiB declared as float64).</summary>
    public static long? WholeMiB(JsonElement body, string property)
    {
        if (!body.TryGetProperty(property, out var value) || value.ValueKind != JsonValueKind.Number)
        {
            return null;
        }

        var number = value.GetDouble();
        return number >= 1 && number == Math.Floor(number) && number <= long.MaxValue
            ? (long)number
            : throw ApiException.BadRequest(
                $"Property '{property}' must be a whole number of MiB of at least 1, not {value.GetRawText()}.");
    }

    public static JsonElement? Element(JsonElement body, string property) =>
        body.TryGetProperty(property, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    /// <summary>
    /// A property v1.4.0 declares as an array (<c>items</c>, no type) although it carries one set of options
    /// (<c>onlineClone</c>, <c>offlineClone</c>, <c>createVolume</c>; v1.5.0 makes them objects). The schema
    /// check lets only the array form through, so this reads its single element; an empty or longer array names
    /// no one set of options and is refused rather than guessed at.
    /// </summary>
    /// <param name="path">The property's dotted path from the body's root, for the message; default its name.</param>
    public static JsonElement? SingleObject(JsonElement body, string property, string path = null)
    {
        if (Element(body, property) is not { } value)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Array && value.GetArrayLength() == 1
            && value[0].ValueKind == JsonValueKind.Object
                ? value[0]
                : throw ApiException.BadRequest(
                    $"Property '{path ?? property}' must be an array of exactly one object.");
    }

    /// <summary>A non-empty list of distinct, non-blank strings (host group ids).</summary>
    public static IReadOnlyList<string> DistinctIds(IEnumerable<string> ids, string property)
    {
        var list = ids.ToList();
        if (list.Count == 0)
        {
            throw ApiException.BadRequest($"Property '{property}' must name at least one host group.");
        }

        if (list.Any(string.IsNullOrWhiteSpace))
        {
            throw ApiException.BadRequest($"Property '{property}' must not contain empty ids.");
        }

        var repeated = list.GroupBy(id => id, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        return repeated is null
            ? list
            : throw ApiException.BadRequest($"Property '{property}' names host group '{repeated.Key}' twice.");
    }

    /// <summary>
    /// A boolean query flag (<c>unExport</c>, <c>cascade</c>, <c>force</c>, ...): absent means false; anything but
    /// true or false (any case) is a 400 rather than silently false.
    /// </summary>
    public static bool Flag(HttpRequest request, string name)
    {
        if (!request.Query.TryGetValue(name, out var values))
        {
            return false;
        }

        if (values.Count == 1 && bool.TryParse(values[0], out var flag))
        {
            return flag;
        }

        throw ApiException.BadRequest($"Query parameter '{name}' must be true or false, not '{values}'.");
    }

    // \z, not $: a name must not end in a line break either.
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9:.-]*\z")]
    private static partial Regex NimbleNamePattern();
}
