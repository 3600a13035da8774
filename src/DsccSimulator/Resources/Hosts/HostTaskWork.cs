using DsccSimulator.Store;
using DsccSimulator.Tasks;

namespace DsccSimulator.Resources.Hosts;

/// <summary>PUT /api/v1/host-initiators/{hostId}: checks at task start, applies at task end.</summary>
public sealed class HostUpdateWork(HostInventory inventory, FleetHost host, HostUpdatePlan plan) : ITaskWork
{
    private PendingHostChange change;

    public string Description => $"Updating host '{host.Name}'";

    public ArrayFailure Start()
    {
        (change, var failure) = inventory.BeginHostUpdate(host.Id, plan);
        return failure;
    }

    public IReadOnlyList<TaskResource> Complete(DateTimeOffset now)
    {
        var updated = inventory.CompleteHostUpdate(change, now);
        return updated is null ? [] : [HostTaskResources.Of(updated)];
    }
}

/// <summary>DELETE /api/v1/host-initiators/{hostId}[?force=true].</summary>
public sealed class HostDeleteWork(HostInventory inventory, FleetHost host, bool force) : ITaskWork
{
    public string Description => $"Deleting host '{host.Name}'";

    public ArrayFailure Start() => inventory.BeginHostDelete(host.Id, force).Failure;

    public IReadOnlyList<TaskResource> Complete(DateTimeOffset now) =>
        inventory.CompleteHostDelete(host.Id, now) is { } deleted ? [HostTaskResources.Of(deleted)] : [];
}

/// <summary>PUT /api/v1/host-initiator-groups/{hostGroupId}; new hosts show up in the task's resources too.</summary>
public sealed class HostGroupUpdateWork(HostInventory inventory, FleetHostGroup group, HostGroupUpdatePlan plan)
    : ITaskWork
{
    private PendingHostChange change;

    public string Description => $"Updating host group '{group.Name}'";

    public ArrayFailure Start()
    {
        (change, var failure) = inventory.BeginGroupUpdate(group.Id, plan);
        return failure;
    }

    public IReadOnlyList<TaskResource> Complete(DateTimeOffset now)
    {
        var updated = inventory.CompleteGroupUpdate(change, now);
        var created = change.CreatedHosts.Select(HostTaskResources.Of);
        return updated is null ? [.. created] : [HostTaskResources.Of(updated), .. created];
    }
}

/// <summary>DELETE /api/v1/host-initiator-groups/{hostGroupId}[?force=true].</summary>
public sealed class HostGroupDeleteWork(HostInventory inventory, FleetHostGroup group, bool force) : ITaskWork
{
    public string Description => $"Deleting host group '{group.Name}'";

    public ArrayFailure Start() => inventory.BeginGroupDelete(group.Id, force).Failure;

    public IReadOnlyList<TaskResource> Complete(DateTimeOffset now) =>
        inventory.CompleteGroupDelete(group.Id) is { } deleted ? [HostTaskResources.Of(deleted)] : [];
}

/// <summary>Task references (<c>sourceResource</c>, <c>associatedResources</c>) to hosts and host groups.</summary>
public static class HostTaskResources
{
    public static TaskResource Of(FleetHost host) => new(host.Name, HostUris.Host(host.Id), HostViews.HostType);

    public static TaskResource Of(FleetHostGroup group) =>
        new(group.Name, HostUris.Group(group.Id), HostViews.GroupType);
}
