using System.Text.Json;

namespace DsccSimulator.Validation;

/// <summary>
/// Finds, in the spec model's schema document, the schemas that apply at one place of a value: from the root
/// schema, follow the value's path through <c>properties</c>, <c>items</c> and <c>additionalProperties</c>,
/// opening <c>$ref</c>, allOf, anyOf and oneOf on the way. Used to explain a failure (which enum values, which
/// required names), not to decide it; JsonSchema.Net decides.
/// </summary>
public sealed class SchemaWalker(JsonElement document, JsonElement root)
{
    private const string DefsPrefix = "#/$defs/";

    /// <summary>The schema objects that apply at <paramref name="pointer"/> (a JSON pointer into the value).</summary>
    public IReadOnlyList<JsonElement> At(string pointer)
    {
        var current = Expand(root);
        foreach (var segment in pointer.Split('/').Skip(1).Select(s => s.Replace("~1", "/").Replace("~0", "~")))
        {
            current = [.. current.SelectMany(schema => Children(schema, segment)).SelectMany(Expand)];
        }

        return current;
    }

    private static IEnumerable<JsonElement> Children(JsonElement schema, string segment)
    {
        if (schema.TryGetProperty("properties", out var properties) && properties.TryGetProperty(segment, out var p))
        {
            yield return p;
        }
        else if (schema.TryGetProperty("additionalProperties", out var map) && map.ValueKind == JsonValueKind.Object)
        {
            yield return map;
        }

        if (segment.Length > 0 && segment.All(char.IsAsciiDigit) && schema.TryGetProperty("items", out var items))
        {
            yield return items;
        }
    }

    /// <summary>The schema and everything it applies in place, each once.</summary>
    private List<JsonElement> Expand(JsonElement schema)
    {
        var found = new List<JsonElement>();
        var pending = new Stack<JsonElement>([schema]);
        var seenReferences = new HashSet<string>(StringComparer.Ordinal);
        while (pending.Count > 0)
        {
            var next = pending.Pop();
            if (next.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            found.Add(next);
            if (next.TryGetProperty("$ref", out var reference) && reference.GetString() is { } uri
                && uri.StartsWith(DefsPrefix, StringComparison.Ordinal) && seenReferences.Add(uri)
                && document.GetProperty("$defs").TryGetProperty(uri[DefsPrefix.Length..], out var target))
            {
                pending.Push(target);
            }

            foreach (var keyword in (string[])["allOf", "anyOf", "oneOf"])
            {
                if (next.TryGetProperty(keyword, out var members))
                {
                    foreach (var member in members.EnumerateArray())
                    {
                        pending.Push(member);
                    }
                }
            }
        }

        return found;
    }
}
