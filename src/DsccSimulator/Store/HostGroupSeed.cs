namespace DsccSimulator.Store;

/// <summary>
/// A few fleet host groups for exports to target until the host-group resource supplies real ones. Their ids come
/// from their own generator, so they are the same for a seed whatever <c>--volumes</c> is.
/// </summary>
public static class HostGroupSeed
{
    public static readonly IReadOnlyList<string> Names =
        ["esx-cluster-01", "esx-cluster-02", "sql-cluster-01", "backup-hosts"];

    public static void AddTo(FleetStore store, int seed)
    {
        var ids = new IdFactory(new Random(seed ^ 0x4057));
        foreach (var name in Names)
        {
            store.AddSeedHostGroup(new HostGroupRef(ids.Hex(32), name));
        }
    }
}
