using System.Globalization;
using System.Numerics;
using DsccSimulator.Errors;
using DsccSimulator.Json;
using Microsoft.Extensions.Primitives;

namespace DsccSimulator.Querying;

/// <summary>Page sizes from the command line: used when <c>limit</c> is absent, and the cap on it.</summary>
public sealed record PagingSettings(int DefaultLimit, int MaxLimit);

/// <summary>Which list query parameters an endpoint honours (the spec's tasks list takes no sort or select).</summary>
public enum ListFeatures
{
    FilterOnly,
    FilterSortSelect,

    /// <summary>Filter and sort without select: hosts, host groups, initiators, audit events.</summary>
    FilterSort,
}

/// <summary>The paging, filter, sort and select parameters of one list request, validated.</summary>
public sealed record ListQuery(int Offset, int Limit, Filter Filter, SortOrder Sort, FieldSelection Select)
{
    public static ListQuery Parse(HttpRequest request, PagingSettings paging, Type itemType, ListFeatures features)
    {
        var query = request.Query;
        var offset = ReadCount(query, "offset") ?? 0;
        var limit = Math.Min(ReadCount(query, "limit") ?? paging.DefaultLimit, paging.MaxLimit);

        var filterText = ReadSingle(query, "filter");
        var filter = filterText is null ? null : Filter.Parse(filterText, itemType, JsonDefaults.Options);

        if (features == ListFeatures.FilterOnly)
        {
            return new ListQuery(offset, limit, filter, null, null);
        }

        var sortText = ReadSingle(query, "sort");
        var selectText = features == ListFeatures.FilterSortSelect ? ReadSingle(query, "select") : null;
        return new ListQuery(
            offset,
            limit,
            filter,
            sortText is null ? null : SortOrder.Parse(sortText, itemType, JsonDefaults.Options),
            selectText is null ? null : FieldSelection.Parse(selectText, itemType, JsonDefaults.Options));
    }

    /// <summary>The <c>select</c> of a single-resource GET, or null when absent.</summary>
    public static FieldSelection ParseSelect(HttpRequest request, Type itemType)
    {
        var selectText = ReadSingle(request.Query, "select");
        return selectText is null ? null : FieldSelection.Parse(selectText, itemType, JsonDefaults.Options);
    }

    private static int? ReadCount(IQueryCollection query, string name)
    {
        var text = ReadSingle(query, name);
        if (text is null)
        {
            return null;
        }

        // NumberStyles.None: no sign, no spaces, no decimals - the spec declares these as integers with minimum 0.
        // Parsed without a size limit, since the spec sets none: a number beyond int range is still a valid count,
        // and as a limit or offset it means "more than there can be", so it is capped rather than refused.
        return BigInteger.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? (int)BigInteger.Min(value, int.MaxValue)
            : throw ApiException.BadRequest($"Invalid {name} '{text}': it must be a whole number of 0 or more.");
    }

    private static string ReadSingle(IQueryCollection query, string name)
    {
        if (!query.TryGetValue(name, out StringValues values))
        {
            return null;
        }

        return values.Count == 1
            ? values[0]
            : throw ApiException.BadRequest($"Query parameter '{name}' was given {values.Count} times; give it once.");
    }
}
