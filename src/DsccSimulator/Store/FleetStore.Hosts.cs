namespace DsccSimulator.Store;

/// <summary>The fleet's hosts, host groups and initiators, reachable from the store every endpoint receives.</summary>
public sealed partial class FleetStore
{
    // Ids for an inventory nobody seeded (a store built by hand); seeding attaches one tied to --seed.
    private const int UnseededHostIdSeed = 0x4057;

    private HostInventory hostInventory;

    public HostInventory Hosts => hostInventory ??= new HostInventory(new IdFactory(new Random(UnseededHostIdSeed)));

    /// <summary>True when a fleet host group with this id exists (volume exports target host-group ids).</summary>
    public bool HostGroupExists(string id) => Hosts.GroupExists(id);

    /// <summary>Replaces the inventory; seeding calls this once, before the store is shared.</summary>
    public void AttachHosts(HostInventory inventory) => hostInventory = inventory;
}
