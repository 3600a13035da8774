namespace DsccSimulator.Store;

/// <summary>
/// One consistent, immutable picture of hosts, host groups and initiators, with the reverse relations (a host's
/// groups, an initiator's hosts) and the derived system lists computed once. Views render from it without locks,
/// and a list request pays for the derivation once, not per item.
/// </summary>
public sealed class HostSnapshot
{
    private static readonly IReadOnlyList<FleetHostGroup> NoGroups = [];

    private static readonly IReadOnlyList<FleetHost> NoHosts = [];

    private readonly Dictionary<string, FleetHost> hostsById;

    private readonly Dictionary<string, FleetHostGroup> groupsById;

    private readonly Dictionary<string, FleetInitiator> initiatorsById;

    private readonly Dictionary<string, List<FleetHostGroup>> groupsByHost = new(StringComparer.OrdinalIgnoreCase);

    private readonly Dictionary<string, List<FleetHost>> hostsByInitiator = new(StringComparer.OrdinalIgnoreCase);

    private readonly Dictionary<string, IReadOnlyList<string>> systemsByHost = new(StringComparer.OrdinalIgnoreCase);

    private readonly Dictionary<string, IReadOnlyList<string>> systemsByGroup = new(StringComparer.OrdinalIgnoreCase);

    public HostSnapshot(
        IReadOnlyList<FleetHost> hosts, IReadOnlyList<FleetHostGroup> groups, IReadOnlyList<FleetInitiator> initiators)
    {
        Hosts = hosts;
        Groups = groups;
        Initiators = initiators;
        hostsById = hosts.ToDictionary(h => h.Id, StringComparer.OrdinalIgnoreCase);
        groupsById = groups.ToDictionary(g => g.Id, StringComparer.OrdinalIgnoreCase);
        initiatorsById = initiators.ToDictionary(i => i.Id, StringComparer.OrdinalIgnoreCase);

        foreach (var host in hosts)
        {
            foreach (var initiatorId in host.InitiatorIds)
            {
                Add(hostsByInitiator, initiatorId, host);
            }

            // A host is on every array any of its initiators has logged in to.
            systemsByHost[host.Id] = DistinctSorted(InitiatorsOf(host).SelectMany(i => i.Systems));
        }

        foreach (var group in groups)
        {
            foreach (var hostId in group.HostIds)
            {
                Add(groupsByHost, hostId, group);
            }

            systemsByGroup[group.Id] = DistinctSorted(HostsOf(group).SelectMany(SystemsOf));
        }
    }

    public IReadOnlyList<FleetHost> Hosts { get; }

    public IReadOnlyList<FleetHostGroup> Groups { get; }

    public IReadOnlyList<FleetInitiator> Initiators { get; }

    public FleetHost FindHost(string id) => id is null ? null : hostsById.GetValueOrDefault(id);

    public FleetHostGroup FindGroup(string id) => id is null ? null : groupsById.GetValueOrDefault(id);

    public FleetInitiator FindInitiator(string id) => id is null ? null : initiatorsById.GetValueOrDefault(id);

    public IReadOnlyList<FleetHostGroup> GroupsOf(FleetHost host) =>
        groupsByHost.GetValueOrDefault(host.Id) ?? NoGroups;

    public IReadOnlyList<FleetHost> HostsOf(FleetInitiator initiator) =>
        hostsByInitiator.GetValueOrDefault(initiator.Id) ?? NoHosts;

    public IEnumerable<FleetHost> HostsOf(FleetHostGroup group) =>
        group.HostIds.Select(FindHost).Where(h => h is not null);

    public IEnumerable<FleetInitiator> InitiatorsOf(FleetHost host) =>
        host.InitiatorIds.Select(FindInitiator).Where(i => i is not null);

    public IReadOnlyList<string> SystemsOf(FleetHost host) => systemsByHost.GetValueOrDefault(host.Id) ?? [];

    public IReadOnlyList<string> SystemsOf(FleetHostGroup group) => systemsByGroup.GetValueOrDefault(group.Id) ?? [];

    private static void Add<T>(Dictionary<string, List<T>> index, string key, T value)
    {
        if (!index.TryGetValue(key, out var list))
        {
            list = [];
            index.Add(key, list);
        }

        list.Add(value);
    }

    private static IReadOnlyList<string> DistinctSorted(IEnumerable<string> values) =>
        values.Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
}
