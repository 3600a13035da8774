namespace DsccSimulator.Store;

/// <summary>
/// Checks a request against the inventory and stages what it would create in a <see cref="Draft"/>, so nested
/// creates (a group's new hosts with their new initiators) succeed or fail as a whole. Callers hold the lock.
/// </summary>
public sealed partial class HostInventory
{
    /// <summary>Objects and relations one request adds, not yet visible to anyone.</summary>
    internal sealed class Draft(HostSnapshot current)
    {
        public HostSnapshot Current { get; } = current;

        public List<FleetInitiator> NewInitiators { get; } = [];

        public List<FleetHost> NewHosts { get; } = [];

        /// <summary>Existing initiators this request puts on a host.</summary>
        public HashSet<string> AttachedInitiatorIds { get; } = new(StringComparer.OrdinalIgnoreCase);

        /// <summary>New hosts joining existing groups (<c>hostGroupIds</c> of a nested host).</summary>
        public Dictionary<string, List<string>> JoinsByGroup { get; } = new(StringComparer.OrdinalIgnoreCase);

        /// <summary>A host by id, whether it exists already or is being created by this request.</summary>
        public FleetHost FindHost(string id) =>
            Current.FindHost(id) ?? NewHosts.Find(h => string.Equals(h.Id, id, StringComparison.OrdinalIgnoreCase));
    }

    private ArrayFailure PlanInitiator(InitiatorPlan plan, Draft draft, out FleetInitiator initiator)
    {
        initiator = null;
        var taken = initiators.Exists(i => SameText(i.Address, plan.Address))
            || reservedAddresses.Contains(plan.Address)
            || draft.NewInitiators.Exists(i => SameText(i.Address, plan.Address));
        if (taken)
        {
            return new ArrayFailure("BAD_REQUEST", $"An initiator with address '{plan.Address}' already exists.");
        }

        initiator = new FleetInitiator
        {
            Id = runtimeIds.Hex(32),
            Address = plan.Address,
            Protocol = plan.Protocol,
            Name = plan.Name,
            IpAddress = plan.IpAddress,
            HbaModel = plan.HbaModel,
            DriverVersion = plan.DriverVersion,
            FirmwareVersion = plan.FirmwareVersion,
            Vendor = plan.Vendor,
            HostSpeed = plan.HostSpeed,
            Generation = 0,
        };
        draft.NewInitiators.Add(initiator);
        return null;
    }

    private ArrayFailure PlanHost(HostPlan plan, Draft draft, out FleetHost host)
    {
        host = null;
        if (HostNameTaken(plan.Name, draft, exceptId: null))
        {
            return Duplicate("host", plan.Name);
        }

        var initiatorIds = new List<string>();
        var protocols = new List<string>();
        foreach (var id in plan.InitiatorIds.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var failure = ClaimInitiator(id, forHostId: null, draft, out var existing);
            if (failure is not null)
            {
                return failure;
            }

            initiatorIds.Add(existing.Id);
            protocols.Add(existing.Protocol);
        }

        foreach (var initiatorPlan in plan.InitiatorsToCreate)
        {
            var failure = PlanInitiator(initiatorPlan, draft, out var created);
            if (failure is not null)
            {
                return failure;
            }

            initiatorIds.Add(created.Id);
            protocols.Add(created.Protocol);
        }

        if (plan.Protocol is not null)
        {
            protocols.Add(plan.Protocol);
        }

        var protocolFailure = OneProtocol(protocols, $"host '{plan.Name}'", out var protocol);
        if (protocolFailure is not null)
        {
            return protocolFailure;
        }

        var joined = new List<FleetHostGroup>();
        foreach (var groupId in plan.HostGroupIds.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var group = draft.Current.FindGroup(groupId);
            if (group is null)
            {
                return NotFound("host group", groupId);
            }

            if (group.MarkedForDelete)
            {
                return BeingDeleted("host group", group.Name);
            }

            var members = MembersWithJoins(group, draft).Select(h => h.Protocol).Append(protocol);
            var mixed = OneProtocol(members, $"host group '{group.Name}'", out _);
            if (mixed is not null)
            {
                return mixed;
            }

            joined.Add(group);
        }

        host = new FleetHost
        {
            Id = runtimeIds.Hex(32),
            Name = plan.Name,
            OperatingSystem = plan.OperatingSystem,
            Persona = plan.Persona ?? HostCatalog.DefaultPersona(plan.OperatingSystem),
            Protocol = protocol,
            Comment = plan.Comment,
            Contact = plan.Contact,
            Fqdn = plan.Fqdn,
            IpAddress = plan.IpAddress,
            Location = plan.Location,
            Model = plan.Model,
            Subnet = plan.Subnet,
            // The spec: "API will internally override the passed value to set it as true".
            UserCreated = true,
            InitiatorIds = initiatorIds,
            Generation = 0,
        };

        foreach (var group in joined)
        {
            if (!draft.JoinsByGroup.TryGetValue(group.Id, out var joiners))
            {
                joiners = [];
                draft.JoinsByGroup.Add(group.Id, joiners);
            }

            joiners.Add(host.Id);
        }

        draft.NewHosts.Add(host);
        return null;
    }

    /// <summary>An existing initiator a host wants: it must exist and belong to no other host.</summary>
    private ArrayFailure ClaimInitiator(string id, string forHostId, Draft draft, out FleetInitiator initiator)
    {
        initiator = draft.Current.FindInitiator(id);
        if (initiator is null)
        {
            return NotFound("initiator", id);
        }

        var owner = draft.Current.HostsOf(initiator).FirstOrDefault(h => h.Id != forHostId);
        if (owner is not null)
        {
            return new ArrayFailure(
                "BAD_REQUEST", $"Initiator {initiator.Address} already belongs to host '{owner.Name}'.");
        }

        var alreadyOurs = forHostId is not null && draft.Current.HostsOf(initiator).Count > 0;
        if (alreadyOurs)
        {
            return null;
        }

        if (reservedInitiatorIds.Contains(initiator.Id) || !draft.AttachedInitiatorIds.Add(initiator.Id))
        {
            return new ArrayFailure(
                "BAD_REQUEST", $"Initiator {initiator.Address} is already being added to another host.");
        }

        return null;
    }

    /// <summary>An existing host that may join a group: it must exist and not be on its way out.</summary>
    private static ArrayFailure RequireJoinableHost(HostSnapshot current, string hostId, out FleetHost host)
    {
        host = current.FindHost(hostId);
        if (host is null)
        {
            return NotFound("host", hostId);
        }

        return host.MarkedForDelete ? BeingDeleted("host", host.Name) : null;
    }

    private IEnumerable<FleetHost> MembersWithJoins(FleetHostGroup group, Draft draft)
    {
        var joiners = draft.JoinsByGroup.GetValueOrDefault(group.Id) ?? [];
        return draft.Current.HostsOf(group).Concat(joiners.Select(draft.FindHost));
    }

    private bool HostNameTaken(string name, Draft draft, string exceptId) =>
        hosts.Exists(h => SameText(h.Name, name) && h.Id != exceptId)
        || reservedHostNames.Contains(name)
        || draft.NewHosts.Exists(h => SameText(h.Name, name));

    private bool GroupNameTaken(string name, string exceptId) =>
        groups.Exists(g => SameText(g.Name, name) && g.Id != exceptId) || reservedGroupNames.Contains(name);

    private static ArrayFailure MixedProtocols(IEnumerable<FleetHost> members, string what) =>
        OneProtocol(members.Where(h => h is not null).Select(h => h.Protocol), what, out _);

    /// <summary>DSCC keeps one protocol per host and per host group; hosts without initiators fit anywhere.</summary>
    private static ArrayFailure OneProtocol(IEnumerable<string> protocols, string what, out string protocol)
    {
        var distinct = protocols.Where(p => p is not null).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        protocol = distinct.FirstOrDefault();
        return distinct.Count <= 1
            ? null
            : new ArrayFailure("BAD_REQUEST", $"All initiators of {what} must use one protocol, "
                + $"but this would mix {string.Join(" and ", distinct)}.");
    }

    private static ArrayFailure BeingDeleted(string noun, string name) =>
        new("BAD_REQUEST", $"The {noun} '{name}' is being deleted.");

    private static bool SameText(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    /// <summary>Makes a draft visible: its initiators, its hosts and their memberships in existing groups.</summary>
    private void Apply(Draft draft, DateTimeOffset now)
    {
        var generation = now.ToUnixTimeSeconds();
        initiators.AddRange(draft.NewInitiators.Select(i => i with { Generation = generation }));
        hosts.AddRange(draft.NewHosts.Select(h => h with { Generation = generation }));

        foreach (var (groupId, joiners) in draft.JoinsByGroup)
        {
            // A task's draft may outlive a group deleted meanwhile; the join then has nothing to join.
            var group = groups.Find(g => SameText(g.Id, groupId));
            if (group is not null)
            {
                Replace(group with { HostIds = [.. group.HostIds.Union(joiners)], Generation = generation });
            }
        }

        snapshot = null;
    }

    private void Reserve(Draft draft)
    {
        reservedHostNames.UnionWith(draft.NewHosts.Select(h => h.Name));
        reservedAddresses.UnionWith(draft.NewInitiators.Select(i => i.Address));
        reservedInitiatorIds.UnionWith(draft.AttachedInitiatorIds);
    }

    private void Release(Draft draft)
    {
        reservedHostNames.ExceptWith(draft.NewHosts.Select(h => h.Name));
        reservedAddresses.ExceptWith(draft.NewInitiators.Select(i => i.Address));
        reservedInitiatorIds.ExceptWith(draft.AttachedInitiatorIds);
    }
}
