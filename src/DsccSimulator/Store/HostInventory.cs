namespace DsccSimulator.Store;

/// <summary>
/// Fleet hosts, host groups and initiators. DSCC keeps these above the arrays, so they live apart from the
/// per-system data of <see cref="FleetStore"/>, under their own lock. Creates are synchronous (the spec answers
/// 200 with the object); host and host-group edits and deletes run as tasks, which check and reserve at task start
/// (<c>Begin*</c>) and apply at the end (<c>Complete*</c>). Failures are <see cref="ArrayFailure"/>s, so a check
/// gives the same error code whether it ends an HTTP request or a task.
/// </summary>
public sealed partial class HostInventory(IdFactory runtimeIds)
{
    private readonly object gate = new();

    // Creation order, which is also the default list order.
    private readonly List<FleetHost> hosts = [];

    private readonly List<FleetHostGroup> groups = [];

    private readonly List<FleetInitiator> initiators = [];

    // Held by running tasks between their start and their end, so nobody else can take them meanwhile.
    private readonly HashSet<string> reservedHostNames = new(StringComparer.OrdinalIgnoreCase);

    private readonly HashSet<string> reservedGroupNames = new(StringComparer.OrdinalIgnoreCase);

    private readonly HashSet<string> reservedAddresses = new(StringComparer.OrdinalIgnoreCase);

    private readonly HashSet<string> reservedInitiatorIds = new(StringComparer.OrdinalIgnoreCase);

    // Rebuilt lazily after a change; reads between changes share one snapshot.
    private HostSnapshot snapshot;

    public HostSnapshot Snapshot()
    {
        lock (gate)
        {
            return Current;
        }
    }

    public bool GroupExists(string id) => Snapshot().FindGroup(id) is not null;

    public void AddSeed(FleetInitiator initiator)
    {
        lock (gate)
        {
            initiators.Add(initiator);
            snapshot = null;
        }
    }

    public void AddSeed(FleetHost host)
    {
        lock (gate)
        {
            hosts.Add(host);
            snapshot = null;
        }
    }

    public void AddSeed(FleetHostGroup group)
    {
        lock (gate)
        {
            groups.Add(group);
            snapshot = null;
        }
    }

    public (FleetInitiator Created, ArrayFailure Failure) CreateInitiator(InitiatorPlan plan, DateTimeOffset now)
    {
        lock (gate)
        {
            var draft = new Draft(Current);
            var failure = PlanInitiator(plan, draft, out var initiator);
            if (failure is not null)
            {
                return (null, failure);
            }

            Apply(draft, now);
            return (Current.FindInitiator(initiator.Id), null);
        }
    }

    public (FleetHost Created, ArrayFailure Failure) CreateHost(HostPlan plan, DateTimeOffset now)
    {
        lock (gate)
        {
            var draft = new Draft(Current);
            var failure = PlanHost(plan, draft, out var host);
            if (failure is not null)
            {
                return (null, failure);
            }

            Apply(draft, now);
            return (Current.FindHost(host.Id), null);
        }
    }

    /// <summary>A group with its new hosts, their new initiators and their other groups: all or nothing.</summary>
    public (FleetHostGroup Created, ArrayFailure Failure) CreateGroup(HostGroupPlan plan, DateTimeOffset now)
    {
        lock (gate)
        {
            var current = Current;
            var draft = new Draft(current);
            if (GroupNameTaken(plan.Name, exceptId: null))
            {
                return (null, Duplicate("host group", plan.Name));
            }

            var members = new List<FleetHost>();
            foreach (var hostId in plan.HostIds.Distinct(StringComparer.OrdinalIgnoreCase))
            {
                var failure = RequireJoinableHost(current, hostId, out var host);
                if (failure is not null)
                {
                    return (null, failure);
                }

                members.Add(host);
            }

            foreach (var hostPlan in plan.HostsToCreate)
            {
                var failure = PlanHost(hostPlan, draft, out var host);
                if (failure is not null)
                {
                    return (null, failure);
                }

                members.Add(host);
            }

            var mixed = MixedProtocols(members, $"host group '{plan.Name}'");
            if (mixed is not null)
            {
                return (null, mixed);
            }

            var group = new FleetHostGroup
            {
                Id = runtimeIds.Hex(32),
                Name = plan.Name,
                Comment = plan.Comment,
                UserCreated = true,
                HostIds = members.Select(h => h.Id).ToList(),
                Generation = now.ToUnixTimeSeconds(),
            };
            Apply(draft, now);
            groups.Add(group);
            snapshot = null;
            return (group, null);
        }
    }

    /// <summary>Deletes an initiator no host uses; DSCC has no force option here.</summary>
    public ArrayFailure DeleteInitiator(string id)
    {
        lock (gate)
        {
            var current = Current;
            var initiator = current.FindInitiator(id);
            if (initiator is null)
            {
                return NotFound("initiator", id);
            }

            if (current.HostsOf(initiator) is [var owner, ..])
            {
                return new ArrayFailure("BAD_REQUEST", $"Initiator {initiator.Address} belongs to host '{owner.Name}'; "
                    + "take it off the host first (PUT /api/v1/host-initiators/{hostId} with updatedInitiators).");
            }

            if (reservedInitiatorIds.Contains(initiator.Id))
            {
                return new ArrayFailure(
                    "BAD_REQUEST", $"Initiator {initiator.Address} is being added to a host by a running task.");
            }

            initiators.Remove(initiator);
            snapshot = null;
            return null;
        }
    }

    private HostSnapshot Current => snapshot ??= new HostSnapshot([.. hosts], [.. groups], [.. initiators]);

    /// <summary>An unknown host, host group or initiator id, named in the body or deleted since the request.</summary>
    private static ArrayFailure NotFound(string noun, string id) =>
        new("NOT_FOUND", $"No {noun} has id '{id}'.",
            $"List the {noun}s (GET /api/v1/{CollectionOf(noun)}) and use the id of one that exists; "
            + "it may have been deleted after this request was accepted.");

    private static string CollectionOf(string noun) => noun switch
    {
        "host" => "host-initiators",
        "host group" => "host-initiator-groups",
        _ => "initiators",
    };

    private static ArrayFailure Duplicate(string noun, string name) =>
        new("BAD_REQUEST", $"A {noun} named '{name}' already exists.");

    private void Replace(FleetHost updated)
    {
        hosts[hosts.FindIndex(h => h.Id == updated.Id)] = updated;
        snapshot = null;
    }

    private void Replace(FleetHostGroup updated)
    {
        groups[groups.FindIndex(g => g.Id == updated.Id)] = updated;
        snapshot = null;
    }
}
