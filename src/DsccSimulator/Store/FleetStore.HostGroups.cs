namespace DsccSimulator.Store;

/// <summary>
/// The seam between exports and fleet host groups (<c>/api/v1/host-initiator-groups</c>). Exports only need to know
/// whether a host group id exists and what it is called. Until the host-group resource is merged, the answer comes
/// from a few seeded groups (<see cref="HostGroupSeed"/>); at merge, <see cref="FindHostGroup"/> should read the
/// real host-group store instead, and nothing else in the export code has to change.
/// </summary>
public sealed partial class FleetStore
{
    private readonly Dictionary<string, HostGroupRef> seededHostGroups = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The seeded host groups, in seeding order.</summary>
    public IReadOnlyList<HostGroupRef> SeededHostGroups
    {
        get
        {
            lock (gate)
            {
                return [.. seededHostGroups.Values];
            }
        }
    }

    public bool HostGroupExists(string id) => FindHostGroup(id) is not null;

    /// <summary>The fleet host group with this id, or null.</summary>
    public HostGroupRef FindHostGroup(string id)
    {
        lock (gate)
        {
            return id is null ? null : seededHostGroups.GetValueOrDefault(id);
        }
    }

    public void AddSeedHostGroup(HostGroupRef hostGroup)
    {
        lock (gate)
        {
            seededHostGroups.Add(hostGroup.Id, hostGroup);
        }
    }
}
