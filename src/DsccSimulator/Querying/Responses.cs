using System.Text.Json;
using DsccSimulator.Json;

namespace DsccSimulator.Querying;

/// <summary>Turns store data into list and item responses, applying paging, filter, sort and select.</summary>
public static class Responses
{
    /// <summary>
    /// Pages <paramref name="source"/>. Items are projected to their response schema lazily: without filter or sort
    /// only the requested page is built, which keeps 100,000-volume fleets fast.
    /// </summary>
    public static IResult List<TSource, TItem>(
        HttpContext context,
        IReadOnlyList<TSource> source,
        Func<TSource, TItem> toItem,
        ListFeatures features = ListFeatures.FilterSortSelect,
        bool withRequestUri = true)
    {
        var settings = context.RequestServices.GetRequiredService<PagingSettings>();
        var query = ListQuery.Parse(context.Request, settings, typeof(TItem), features);

        IReadOnlyList<TItem> page;
        long total;
        if (query.Filter is null && query.Sort is null)
        {
            total = source.Count;
            page = Slice(source, query.Offset, query.Limit).Select(toItem).ToList();
        }
        else if (StoreQuery.TryRun(context, source, query, typeof(TItem)) is { } matches)
        {
            // Filter and sort ran on store fields; only the page is projected to the response schema.
            total = matches.Count;
            page = Slice(matches, query.Offset, query.Limit).Select(toItem).ToList();
        }
        else
        {
            var matching = source.Select(toItem);
            if (query.Filter is { } filter)
            {
                matching = matching.Where(item => filter.Matches(item));
            }

            var all = (query.Sort?.Apply(matching) ?? matching).ToList();
            total = all.Count;
            page = Slice(all, query.Offset, query.Limit).ToList();
        }

        var envelope = new PagedList<TItem>
        {
            Items = page,
            Total = total,
            PageLimit = query.Limit,
            PageOffset = query.Offset,
            RequestUri = withRequestUri ? RequestUri(context) : null,
        };

        return Serialize(envelope, query.Select, itemsOnly: true);
    }

    /// <summary>A single resource, honouring <c>select</c>.</summary>
    public static IResult Item<TItem>(HttpContext context, TItem item) =>
        Serialize(item, ListQuery.ParseSelect(context.Request, typeof(TItem)), itemsOnly: false);

    /// <summary>The path and query exactly as the client sent them, as DSCC echoes in <c>requestUri</c>.</summary>
    public static string RequestUri(HttpContext context) =>
        context.Request.PathBase + context.Request.Path + context.Request.QueryString;

    private static IEnumerable<T> Slice<T>(IReadOnlyList<T> items, int offset, int limit)
    {
        var end = (int)Math.Min(items.Count, (long)offset + limit);
        for (var i = offset; i < end; i++)
        {
            yield return items[i];
        }
    }

    private static IResult Serialize<T>(T body, FieldSelection select, bool itemsOnly)
    {
        if (select is null)
        {
            return Results.Json(body, JsonDefaults.Options);
        }

        var json = JsonSerializer.SerializeToNode(body, JsonDefaults.Options);
        select.Apply(itemsOnly ? json["items"] : json);
        return Results.Json(json, JsonDefaults.Options);
    }
}
