using DsccSimulator.Resources.Common;
using DsccSimulator.Store;
using DsccSimulator.Tasks;

namespace DsccSimulator.Resources.Volumes;

/// <summary>
/// The array side of a volume create: at task start it checks the pool, names and free space and reserves them;
/// at the end it creates the volumes, which then appear in every list. The task's <c>associatedResources</c> point
/// at each new volume's per-type URI, the same value as the volume's own <c>resourceUri</c>.
/// </summary>
public sealed class VolumeCreationWork(FleetStore store, StorageSystem system, VolumePlan plan) : ITaskWork
{
    private VolumeReservation reservation;

    /// <summary>What the task creates; the state file saves it so a restarted simulator can finish the task.</summary>
    public VolumePlan Plan => plan;

    public string Description => plan.Names.Count == 1
        ? $"Creating volume '{plan.Names[0]}' on {system.Name}"
        : $"Creating {plan.Names.Count} volumes '{plan.Names[0]}'..'{plan.Names[^1]}' on {system.Name}";

    public ArrayFailure Start()
    {
        (reservation, var failure) = store.Reserve(plan);
        return failure;
    }

    public IReadOnlyList<TaskResource> Complete(DateTimeOffset now) =>
        store.Commit(reservation, now)
            .Select(volume => new TaskResource(volume.Name, ResourceUris.PerTypeVolume(volume), "volume"))
            .ToList();
}
