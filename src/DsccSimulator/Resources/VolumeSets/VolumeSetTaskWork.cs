using DsccSimulator.Store;
using DsccSimulator.Tasks;

namespace DsccSimulator.Resources.VolumeSets;

/// <summary>Creates an application set or volume collection: checks and reserves at start, creates at end.</summary>
public sealed class VolumeSetCreateWork(FleetStore store, StorageSystem system, VolumeSetPlan plan) : ITaskWork
{
    private PendingVolumeSetChange change;

    public string Description => $"Creating {VolumeSetTasks.Noun(system.DeviceType)} '{plan.Name}' on {system.Name}";

    public ArrayFailure Start()
    {
        (change, var failure) = store.BeginVolumeSetCreate(plan);
        return failure;
    }

    public IReadOnlyList<TaskResource> Complete(DateTimeOffset now) =>
        [VolumeSetTasks.Resource(store.CompleteVolumeSetCreate(change, now))];
}

/// <summary>Edits a set: properties, and members in (<c>addMembers</c>, add-volumes) and out.</summary>
public sealed class VolumeSetEditWork(FleetStore store, StorageSystem system, VolumeSet set, VolumeSetPlan plan)
    : ITaskWork
{
    private PendingVolumeSetChange change;

    public string Description => $"Updating {VolumeSetTasks.Noun(set.DeviceType)} '{set.Name}' on {system.Name}";

    public ArrayFailure Start()
    {
        (change, var failure) = store.BeginVolumeSetEdit(set.Id, plan);
        return failure;
    }

    public IReadOnlyList<TaskResource> Complete(DateTimeOffset now) =>
        store.CompleteVolumeSetEdit(change, now) is { } updated ? [VolumeSetTasks.Resource(updated)] : [];
}

/// <summary>Deletes a set; its volumes stay.</summary>
public sealed class VolumeSetDeleteWork(FleetStore store, StorageSystem system, VolumeSet set) : ITaskWork
{
    public string Description => $"Deleting {VolumeSetTasks.Noun(set.DeviceType)} '{set.Name}' on {system.Name}";

    public ArrayFailure Start() => store.BeginVolumeSetDelete(set.Id).Failure;

    public IReadOnlyList<TaskResource> Complete(DateTimeOffset now) =>
        store.CompleteVolumeSetDelete(set.Id) is { } deleted ? [VolumeSetTasks.Resource(deleted)] : [];
}

public static class VolumeSetTasks
{
    public static string Noun(DeviceType type) => type.UsesCpgs() ? "application set" : "volume collection";

    public static TaskResource Resource(VolumeSet set) => new(
        set.Name,
        VolumeSetUris.PerType(set),
        set.DeviceType.UsesCpgs() ? VolumeSetViews.ApplicationSetType : VolumeSetViews.VolumeCollectionType);
}
