namespace DsccSimulator.Store;

/// <summary>
/// A host or host-group change between its task's start and end: what was checked and reserved, applied by the
/// matching <c>Complete*</c> call.
/// </summary>
public sealed class PendingHostChange
{
    internal PendingHostChange(string targetId, HostInventory.Draft draft) => (TargetId, Draft) = (targetId, draft);

    public string TargetId { get; }

    internal HostInventory.Draft Draft { get; }

    /// <summary>Hosts this change creates (<c>hostsToCreate</c> of a host-group edit).</summary>
    public IReadOnlyList<FleetHost> CreatedHosts => Draft.NewHosts;

    /// <summary>New name, or null when the name stays.</summary>
    internal string NewName { get; init; }

    /// <summary>Host edit: the host's initiators afterwards, and their protocol.</summary>
    internal IReadOnlyList<string> InitiatorIds { get; init; } = [];

    internal string Protocol { get; init; }

    /// <summary>Host-group edit: members going in (existing and new hosts) and members going out.</summary>
    internal IReadOnlyList<string> AddedHostIds { get; init; } = [];

    internal IReadOnlyList<string> RemovedHostIds { get; init; } = [];
}

/// <summary>The asynchronous operations: host and host-group edit and delete.</summary>
public sealed partial class HostInventory
{
    public (PendingHostChange Change, ArrayFailure Failure) BeginHostUpdate(string hostId, HostUpdatePlan plan)
    {
        lock (gate)
        {
            var draft = new Draft(Current);
            var host = draft.Current.FindHost(hostId);
            if (host is null)
            {
                return (null, NotFound("host", hostId));
            }

            var failure = CheckHostUpdate(host, plan, draft, out var change);
            if (failure is not null)
            {
                return (null, MarkFailed(host, EditStatuses.UpdateFailed, failure));
            }

            Reserve(draft);
            if (change.NewName is not null)
            {
                reservedHostNames.Add(change.NewName);
            }

            Replace(host with { EditStatus = EditStatuses.UpdateInProgress });
            return (change, null);
        }
    }

    public FleetHost CompleteHostUpdate(PendingHostChange change, DateTimeOffset now)
    {
        lock (gate)
        {
            ReleaseChange(change, reservedHostNames);
            Apply(change.Draft, now);

            var host = hosts.Find(h => h.Id == change.TargetId);
            if (host is null)
            {
                return null;
            }

            var updated = host with
            {
                Name = change.NewName ?? host.Name,
                InitiatorIds = change.InitiatorIds.Where(id => initiators.Exists(i => i.Id == id)).ToList(),
                Protocol = change.Protocol,
                EditStatus = EditStatuses.UpdateSuccess,
                Generation = now.ToUnixTimeSeconds(),
            };
            Replace(updated);
            return updated;
        }
    }

    public (FleetHost FleetHost, ArrayFailure Failure) BeginHostDelete(string hostId, bool force)
    {
        lock (gate)
        {
            var current = Current;
            var host = current.FindHost(hostId);
            if (host is null)
            {
                return (null, NotFound("host", hostId));
            }

            if (host.MarkedForDelete)
            {
                return (null, BeingDeleted("host", host.Name));
            }

            var memberOf = current.GroupsOf(host);
            if (memberOf.Count > 0 && !force)
            {
                var names = string.Join("', '", memberOf.Select(g => g.Name));
                return (null, MarkFailed(host, EditStatuses.DeleteFailed, new ArrayFailure("BAD_REQUEST",
                    $"Host '{host.Name}' belongs to host group '{names}'; remove it from the group first, "
                    + "or delete with force=true.")));
            }

            var marked = host with { MarkedForDelete = true, EditStatus = EditStatuses.DeleteInProgress };
            Replace(marked);
            return (marked, null);
        }
    }

    /// <summary>Removes the host from its groups and from the inventory; its initiators stay, unassigned.</summary>
    public FleetHost CompleteHostDelete(string hostId, DateTimeOffset now)
    {
        lock (gate)
        {
            var host = hosts.Find(h => h.Id == hostId);
            if (host is null)
            {
                return null;
            }

            foreach (var group in groups.Where(g => g.HostIds.Contains(hostId)).ToList())
            {
                Replace(group with
                {
                    HostIds = group.HostIds.Where(id => id != hostId).ToList(),
                    Generation = now.ToUnixTimeSeconds(),
                });
            }

            hosts.Remove(host);
            snapshot = null;
            return host;
        }
    }

    public (PendingHostChange Change, ArrayFailure Failure) BeginGroupUpdate(string groupId, HostGroupUpdatePlan plan)
    {
        lock (gate)
        {
            var draft = new Draft(Current);
            var group = draft.Current.FindGroup(groupId);
            if (group is null)
            {
                return (null, NotFound("host group", groupId));
            }

            var failure = CheckGroupUpdate(group, plan, draft, out var change);
            if (failure is not null)
            {
                return (null, MarkFailed(group, EditStatuses.UpdateFailed, failure));
            }

            Reserve(draft);
            if (change.NewName is not null)
            {
                reservedGroupNames.Add(change.NewName);
            }

            Replace(group with { EditStatus = EditStatuses.UpdateInProgress });
            return (change, null);
        }
    }

    public FleetHostGroup CompleteGroupUpdate(PendingHostChange change, DateTimeOffset now)
    {
        lock (gate)
        {
            ReleaseChange(change, reservedGroupNames);
            Apply(change.Draft, now);

            var group = groups.Find(g => g.Id == change.TargetId);
            if (group is null)
            {
                return null;
            }

            // Applied as a delta on the current members, so edits that finished meanwhile are kept.
            var members = group.HostIds
                .Except(change.RemovedHostIds, StringComparer.OrdinalIgnoreCase)
                .Union(change.AddedHostIds, StringComparer.OrdinalIgnoreCase)
                .Where(id => hosts.Exists(h => h.Id == id))
                .ToList();
            var updated = group with
            {
                Name = change.NewName ?? group.Name,
                HostIds = members,
                EditStatus = EditStatuses.UpdateSuccess,
                Generation = now.ToUnixTimeSeconds(),
            };
            Replace(updated);
            return updated;
        }
    }

    public (FleetHostGroup Group, ArrayFailure Failure) BeginGroupDelete(string groupId, bool force)
    {
        lock (gate)
        {
            var group = Current.FindGroup(groupId);
            if (group is null)
            {
                return (null, NotFound("host group", groupId));
            }

            if (group.MarkedForDelete)
            {
                return (null, BeingDeleted("host group", group.Name));
            }

            if (group.HostIds.Count > 0 && !force)
            {
                return (null, MarkFailed(group, EditStatuses.DeleteFailed, new ArrayFailure("BAD_REQUEST",
                    $"Host group '{group.Name}' still has {group.HostIds.Count} host(s); remove them first, "
                    + "or delete with force=true (the hosts themselves are kept).")));
            }

            var marked = group with { MarkedForDelete = true, EditStatus = EditStatuses.DeleteInProgress };
            Replace(marked);
            return (marked, null);
        }
    }

    /// <summary>Removes the group; its hosts stay.</summary>
    public FleetHostGroup CompleteGroupDelete(string groupId)
    {
        lock (gate)
        {
            var group = groups.Find(g => g.Id == groupId);
            if (group is not null)
            {
                groups.Remove(group);
                snapshot = null;
            }

            return group;
        }
    }

    private ArrayFailure CheckHostUpdate(FleetHost host, HostUpdatePlan plan, Draft draft, out PendingHostChange change)
    {
        change = null;
        if (host.MarkedForDelete)
        {
            return BeingDeleted("host", host.Name);
        }

        var renamed = plan.Name is not null && plan.Name != host.Name;
        if (renamed && HostNameTaken(plan.Name, draft, exceptId: host.Id))
        {
            return Duplicate("host", plan.Name);
        }

        var initiatorIds = new List<string>();
        var wanted = plan.ReplacementInitiatorIds ?? host.InitiatorIds;
        foreach (var id in wanted.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var failure = ClaimInitiator(id, host.Id, draft, out var initiator);
            if (failure is not null)
            {
                return failure;
            }

            initiatorIds.Add(initiator.Id);
        }

        foreach (var initiatorPlan in plan.InitiatorsToCreate)
        {
            var failure = PlanInitiator(initiatorPlan, draft, out var created);
            if (failure is not null)
            {
                return failure;
            }

            initiatorIds.Add(created.Id);
        }

        var protocols = initiatorIds.Select(id =>
            draft.Current.FindInitiator(id)?.Protocol ?? draft.NewInitiators.Find(i => i.Id == id).Protocol);
        var protocolFailure = OneProtocol(protocols, $"host '{host.Name}'", out var protocol);
        if (protocolFailure is not null)
        {
            return protocolFailure;
        }

        // A host without initiators keeps the protocol it was created with.
        protocol ??= initiatorIds.Count == 0 ? host.Protocol : null;
        foreach (var group in draft.Current.GroupsOf(host))
        {
            var others = draft.Current.HostsOf(group).Where(h => h.Id != host.Id).Select(h => h.Protocol);
            var mixed = OneProtocol(others.Append(protocol), $"host group '{group.Name}'", out _);
            if (mixed is not null)
            {
                return mixed;
            }
        }

        change = new PendingHostChange(host.Id, draft)
        {
            NewName = renamed ? plan.Name : null,
            InitiatorIds = initiatorIds,
            Protocol = protocol,
        };
        return null;
    }

    private ArrayFailure CheckGroupUpdate(
        FleetHostGroup group, HostGroupUpdatePlan plan, Draft draft, out PendingHostChange change)
    {
        change = null;
        if (group.MarkedForDelete)
        {
            return BeingDeleted("host group", group.Name);
        }

        var renamed = plan.Name is not null && plan.Name != group.Name;
        if (renamed && GroupNameTaken(plan.Name, exceptId: group.Id))
        {
            return Duplicate("host group", plan.Name);
        }

        var members = group.HostIds.ToList();
        var removed = new List<string>();
        foreach (var id in plan.RemovedHostIds.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var member = members.Find(m => SameText(m, id));
            if (member is null)
            {
                return draft.Current.FindHost(id) is { } stranger
                    ? new ArrayFailure("BAD_REQUEST", $"Host '{stranger.Name}' is not in host group '{group.Name}'.")
                    : NotFound("host", id);
            }

            members.Remove(member);
            removed.Add(member);
        }

        var added = new List<string>();
        foreach (var id in plan.AddedHostIds.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var failure = RequireJoinableHost(draft.Current, id, out var host);
            if (failure is not null)
            {
                return failure;
            }

            if (!members.Contains(host.Id))
            {
                members.Add(host.Id);
                added.Add(host.Id);
            }
        }

        foreach (var hostPlan in plan.HostsToCreate)
        {
            var failure = PlanHost(hostPlan, draft, out var created);
            if (failure is not null)
            {
                return failure;
            }

            members.Add(created.Id);
            added.Add(created.Id);
        }

        var outsider = plan.ProximityHostIds
            .FirstOrDefault(id => !members.Contains(id, StringComparer.OrdinalIgnoreCase));
        if (outsider is not null)
        {
            return new ArrayFailure("BAD_REQUEST",
                $"hostProximityValues names host '{outsider}', which is not in host group '{group.Name}'.");
        }

        var mixed = MixedProtocols(members.Select(draft.FindHost), $"host group '{group.Name}'");
        if (mixed is not null)
        {
            return mixed;
        }

        change = new PendingHostChange(group.Id, draft)
        {
            NewName = renamed ? plan.Name : null,
            AddedHostIds = added,
            RemovedHostIds = removed,
        };
        return null;
    }

    private ArrayFailure MarkFailed(FleetHost host, string status, ArrayFailure failure)
    {
        Replace(host with { EditStatus = status });
        return failure;
    }

    private ArrayFailure MarkFailed(FleetHostGroup group, string status, ArrayFailure failure)
    {
        Replace(group with { EditStatus = status });
        return failure;
    }

    private void ReleaseChange(PendingHostChange change, HashSet<string> reservedNames)
    {
        Release(change.Draft);
        if (change.NewName is not null)
        {
            reservedNames.Remove(change.NewName);
        }
    }
}
