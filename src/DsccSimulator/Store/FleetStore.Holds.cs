namespace DsccSimulator.Store;

/// <summary>
/// Bookkeeping shared by the volume lifecycle operations: which volumes and snapshots running tasks are using, and
/// the primitives that replace or remove a volume record together with its pool's figures.
/// </summary>
public sealed partial class FleetStore
{
    // A task that changes or removes an object (edit, delete) holds it exclusively; tasks that only read it or add
    // to it (snapshot, clone, export) share it. A conflicting task fails at its start, as an array refuses to work
    // on a volume that another operation has locked. Holds end when the task completes.
    private readonly Dictionary<string, int> sharedHolds = new(StringComparer.OrdinalIgnoreCase);

    private readonly HashSet<string> exclusiveHolds = new(StringComparer.OrdinalIgnoreCase);

    // Per system and object kind, the last index used in device-type2 NsObjectIDs of snapshots, access control
    // records and initiator groups.
    private readonly Dictionary<(string SystemId, string Kind), long> lastObjectIndex = [];

    /// <summary>Holds every object or none: the first busy one ends the attempt with the array's refusal.</summary>
    private ArrayFailure HoldLocked(bool exclusive, params (string Id, string Label)[] objects)
    {
        foreach (var (id, label) in objects)
        {
            var busy = exclusiveHolds.Contains(id) || (exclusive && sharedHolds.GetValueOrDefault(id) > 0);
            if (busy)
            {
                return new ArrayFailure(
                    "BAD_REQUEST",
                    $"{label} is busy: another task is still working on it.",
                    "Wait for the other task on this object to end, then submit the request again.");
            }
        }

        foreach (var (id, _) in objects)
        {
            if (exclusive)
            {
                exclusiveHolds.Add(id);
            }
            else
            {
                sharedHolds[id] = sharedHolds.GetValueOrDefault(id) + 1;
            }
        }

        return null;
    }

    private void ReleaseLocked(bool exclusive, params string[] ids)
    {
        foreach (var id in ids)
        {
            if (exclusive)
            {
                exclusiveHolds.Remove(id);
            }
            else if (sharedHolds.TryGetValue(id, out var count))
            {
                if (count <= 1)
                {
                    sharedHolds.Remove(id);
                }
                else
                {
                    sharedHolds[id] = count - 1;
                }
            }
        }
    }

    private static string VolumeLabel(Volume volume) => $"Volume '{volume.Name}'";

    private static ArrayFailure VolumeGone(string volumeId, StorageSystem system) => new(
        "NOT_FOUND",
        $"Volume '{volumeId}' no longer exists on system {system.Name}.",
        "The volume was deleted after this request was accepted; list the system's volumes to find it.");

    /// <summary>The volume, if it still exists on that system (a task may start after a delete removed it).</summary>
    private Volume FindVolumeLocked(string volumeId, string systemId) =>
        volumesById.TryGetValue(volumeId, out var volume) && volume.SystemId == systemId ? volume : null;

    /// <summary>Swaps a volume record for its edited copy in every index, keeping list order.</summary>
    private void ReplaceVolumeLocked(Volume updated)
    {
        var current = volumesById[updated.Id];
        volumes[volumes.FindIndex(v => ReferenceEquals(v, current))] = updated;
        var ofSystem = volumesBySystem[updated.SystemId];
        ofSystem[ofSystem.FindIndex(v => ReferenceEquals(v, current))] = updated;
        volumesById[updated.Id] = updated;
    }

    /// <summary>Takes a volume out of every index and gives its capacity back to its pool.</summary>
    private void RemoveVolumeLocked(Volume volume)
    {
        volumes.RemoveAt(volumes.FindIndex(v => ReferenceEquals(v, volume)));
        volumesBySystem[volume.SystemId].Remove(volume);
        volumesById.Remove(volume.Id);
        takenNamesBySystem[volume.SystemId].Remove(volume.Name);
        LeavePoolLocked(volume, poolsById[volume.PoolId]);
    }

    private static void JoinPoolLocked(Volume volume, StoragePool pool)
    {
        pool.VolumeCount++;
        pool.ReducedVolumeCount += volume.DataReduction ? 1 : 0;
        pool.ProvisionedMiB += volume.SizeMiB;
        pool.UsedMiB += volume.UsedMiB;
    }

    private static void LeavePoolLocked(Volume volume, StoragePool pool)
    {
        pool.VolumeCount--;
        pool.ReducedVolumeCount -= volume.DataReduction ? 1 : 0;
        pool.ProvisionedMiB -= volume.SizeMiB;
        pool.UsedMiB -= volume.UsedMiB;
    }

    /// <summary>Next NsObjectID of one kind on a device-type2 system, e.g. <c>04</c> for snapshots.</summary>
    private string NextNimbleObjectIdLocked(StorageSystem system, string objectType) =>
        IdFactory.NimbleObjectId(objectType, system.Id[2..18], NextObjectIndexLocked(system, objectType));

    private long NextObjectIndexLocked(StorageSystem system, string objectType)
    {
        var key = (system.Id, objectType);
        var index = lastObjectIndex.GetValueOrDefault(key) + 1;
        lastObjectIndex[key] = index;
        return index;
    }
}
