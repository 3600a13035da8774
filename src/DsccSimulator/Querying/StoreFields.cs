namespace DsccSimulator.Querying;

/// <summary>
/// For one list (store record <typeparamref name="TSource"/> shown as an item schema), the item properties whose
/// values can be read straight from the store record, by their JSON path. A filter or sort on these properties only
/// runs without building every item's response shape, which is what keeps 100,000-volume lists fast. Each reader
/// must return the value the item schema shows; a test compares them for every registered field.
/// </summary>
public sealed class StoreFields<TSource>(Type itemType, IReadOnlyDictionary<string, Func<TSource, object>> readers)
{
    public Type ItemType { get; } = itemType;

    public IReadOnlyDictionary<string, Func<TSource, object>> Readers { get; } = readers;
}

/// <summary>All registered <see cref="StoreFields{TSource}"/>, found by store and item type (a DI singleton).</summary>
public sealed class StoreFieldCatalog
{
    private readonly Dictionary<(Type Source, Type Item), object> entries = [];

    public StoreFieldCatalog Add<TSource>(StoreFields<TSource> fields)
    {
        entries[(typeof(TSource), fields.ItemType)] = fields;
        return this;
    }

    public StoreFields<TSource> Find<TSource>(Type itemType) =>
        entries.GetValueOrDefault((typeof(TSource), itemType)) as StoreFields<TSource>;
}
