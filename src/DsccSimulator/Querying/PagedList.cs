namespace DsccSimulator.Querying;

/// <summary>
/// The list envelope shared by every list schema in the spec (<c>storageSystemSummaryList</c>,
/// <c>fleetVolumesList</c>, <c>TaskList</c>, ...): <c>items</c>, <c>total</c> (matches across all pages),
/// <c>pageLimit</c> and <c>pageOffset</c> (the effective paging), and <c>requestUri</c> where the schema has one.
/// </summary>
public sealed class PagedList<T>
{
    public required IReadOnlyList<T> Items { get; init; }

    public required long Total { get; init; }

    public required int PageLimit { get; init; }

    public required int PageOffset { get; init; }

    /// <summary>Null (and so omitted) for schemas without it, such as <c>TaskList</c>.</summary>
    public string RequestUri { get; init; }
}
