using System.Text.Json;
using DsccSimulator.Errors;

namespace DsccSimulator.Querying;

/// <summary>A parsed <c>sort</c> query: <c>&lt;path&gt; [asc|desc]</c> keys separated by commas.</summary>
public sealed class SortOrder
{
    private sealed record SortKey(PropertyPath Path, ScalarKind Kind, bool Descending);

    private readonly IReadOnlyList<SortKey> keys;

    private SortOrder(IReadOnlyList<SortKey> keys) => this.keys = keys;

    /// <summary>The sort keys in order, for callers that sort on values read from the store directly.</summary>
    public IReadOnlyList<(PropertyPath Path, bool Descending)> Keys => [.. keys.Select(k => (k.Path, k.Descending))];

    public static SortOrder Parse(string text, Type itemType, JsonSerializerOptions options)
    {
        var keys = new List<SortKey>();
        foreach (var part in text.Split(','))
        {
            var words = part.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (words.Length is 0 or > 2)
            {
                throw ApiException.BadRequest($"Invalid sort '{part.Trim()}': use '<property> [asc|desc]'.");
            }

            var descending = words.Length == 2 && words[1] switch
            {
                _ when words[1].Equals("asc", StringComparison.OrdinalIgnoreCase) => false,
                _ when words[1].Equals("desc", StringComparison.OrdinalIgnoreCase) => true,
                _ => throw ApiException.BadRequest($"Invalid sort direction '{words[1]}': use asc or desc."),
            };

            var path = PropertyPath.Resolve(itemType, words[0], options);
            if (!path.EndsOnScalar || path.CrossesCollection)
            {
                throw ApiException.BadRequest($"Cannot sort by '{path.Text}': it is not a single value.");
            }

            keys.Add(new SortKey(path, ScalarValues.KindOf(path.Leaf.Type), descending));
        }

        return new SortOrder(keys);
    }

    /// <summary>Stable sort: items equal on every key keep their natural (creation) order.</summary>
    public IEnumerable<T> Apply<T>(IEnumerable<T> items)
    {
        IOrderedEnumerable<T> ordered = null;
        foreach (var key in keys)
        {
            object Selector(T item) => ScalarValues.Normalize(key.Path.ValueOf(item), key.Kind);
            var comparer = Comparer<object>.Create(ScalarValues.Compare);
            ordered = (ordered, key.Descending) switch
            {
                (null, false) => items.OrderBy(Selector, comparer),
                (null, true) => items.OrderByDescending(Selector, comparer),
                (_, false) => ordered.ThenBy(Selector, comparer),
                (_, true) => ordered.ThenByDescending(Selector, comparer),
            };
        }

        return ordered ?? items;
    }
}
