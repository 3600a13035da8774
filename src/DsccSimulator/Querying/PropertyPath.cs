using System.Collections;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using DsccSimulator.Errors;

namespace DsccSimulator.Querying;

/// <summary>
/// A dotted property path (<c>owner.name</c>, <c>deviceType.key</c>) resolved against the JSON contract of a
/// response type. Resolving through <see cref="JsonTypeInfo"/> means filter, sort and select accept exactly the
/// names the client sees in responses, and every new resource gets them without extra code.
/// </summary>
public sealed class PropertyPath
{
    private readonly JsonPropertyInfo[] segments;

    private PropertyPath(string text, JsonPropertyInfo[] segments, JsonTypeInfo leaf, bool crossesCollection)
    {
        Text = text;
        this.segments = segments;
        Leaf = leaf;
        CrossesCollection = crossesCollection;
    }

    /// <summary>The path with each segment spelled as in the JSON output.</summary>
    public string Text { get; }

    /// <summary>JSON names of the segments, in order.</summary>
    public IEnumerable<string> Names => segments.Select(s => s.Name);

    /// <summary>Contract of the value at the end of the path (the element type when the path ends on a list).</summary>
    public JsonTypeInfo Leaf { get; }

    /// <summary>True when the path walks into or ends on a list, so it can yield several values.</summary>
    public bool CrossesCollection { get; }

    /// <summary>Strings, numbers, booleans, dates and enums; the only things filters and sorts compare.</summary>
    public bool EndsOnScalar => Leaf.Kind == JsonTypeInfoKind.None;

    /// <summary>Resolves <paramref name="dotted"/> or throws a 400 that names the unknown part.</summary>
    public static PropertyPath Resolve(Type rootType, string dotted, JsonSerializerOptions options)
    {
        if (string.IsNullOrWhiteSpace(dotted))
        {
            throw ApiException.BadRequest("Empty property name.");
        }

        var names = dotted.Split('.');
        var current = options.GetTypeInfo(rootType);
        var resolved = new JsonPropertyInfo[names.Length];
        var crossesCollection = false;

        for (var i = 0; i < names.Length; i++)
        {
            (current, crossesCollection) = StepIntoElements(current, options, crossesCollection);
            var prefix = string.Join('.', names[..i]);
            if (current.Kind != JsonTypeInfoKind.Object)
            {
                throw ApiException.BadRequest(
                    $"Property '{prefix}' has no sub-properties, so '{dotted}' is not valid.");
            }

            resolved[i] = FindProperty(current, names[i])
                ?? throw ApiException.BadRequest($"Unknown property '{dotted}'"
                    + (i == 0 ? "." : $": '{prefix}' has no property '{names[i]}'."));
            current = options.GetTypeInfo(resolved[i].PropertyType);
        }

        (current, crossesCollection) = StepIntoElements(current, options, crossesCollection);
        var text = string.Join('.', resolved.Select(p => p.Name));
        return new PropertyPath(text, resolved, current, crossesCollection);
    }

    /// <summary>
    /// Every value the path reaches in <paramref name="root"/>: one for plain paths, one per element when the path
    /// crosses lists. A missing intermediate object yields a single null, so <c>eq null</c> behaves as expected.
    /// </summary>
    public IEnumerable<object> ValuesOf(object root)
    {
        IEnumerable<object> current = [root];
        foreach (var segment in segments)
        {
            current = current.SelectMany(owner => Expand(owner is null ? null : segment.Get(owner)));
        }

        return current;
    }

    /// <summary>The single value at the path; only meaningful when the path crosses no list.</summary>
    public object ValueOf(object root)
    {
        var value = root;
        foreach (var segment in segments)
        {
            if (value is null)
            {
                return null;
            }

            value = segment.Get(value);
        }

        return value;
    }

    private static (JsonTypeInfo Info, bool CrossesCollection) StepIntoElements(
        JsonTypeInfo info, JsonSerializerOptions options, bool crossesCollection) =>
        info.Kind == JsonTypeInfoKind.Enumerable
            ? (options.GetTypeInfo(info.ElementType), true)
            : (info, crossesCollection);

    private static JsonPropertyInfo FindProperty(JsonTypeInfo owner, string name) =>
        owner.Properties.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal))
        // DSCC examples use odd casing now and then ("NAME eq g1a1"); accept it when unambiguous.
        ?? SingleOrNull(owner.Properties.Where(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)));

    private static JsonPropertyInfo SingleOrNull(IEnumerable<JsonPropertyInfo> candidates)
    {
        var list = candidates.Take(2).ToList();
        return list.Count == 1 ? list[0] : null;
    }

    private static IEnumerable<object> Expand(object value)
    {
        if (value is IEnumerable sequence and not string)
        {
            foreach (var element in sequence)
            {
                yield return element;
            }

            yield break;
        }

        yield return value;
    }
}
