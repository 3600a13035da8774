namespace DsccSimulator.Store;

/// <summary>
/// What exports need from fleet host groups (<c>/api/v1/host-initiator-groups</c>): whether an id exists and what
/// the group is called. The answer comes from the host inventory, so groups created through the API can be
/// exported to at once.
/// </summary>
public sealed partial class FleetStore
{
    /// <summary>The fleet host group with this id, or null.</summary>
    public HostGroupRef FindHostGroup(string id)
    {
        var group = Hosts.Snapshot().FindGroup(id);
        return group is null ? null : new HostGroupRef(group.Id, group.Name);
    }
}
