namespace DsccSimulator.Store;

/// <summary>A volume edit after validation; null properties stay as they are.</summary>
public sealed record VolumeEditPlan
{
    public required string SystemId { get; init; }

    public required string VolumeId { get; init; }

    public string Name { get; init; }

    public long? SizeMiB { get; init; }

    /// <summary>device-type2 <c>force</c>: Nimble shrinks a volume when forced; 3PAR lineage never shrinks.</summary>
    public bool AllowShrink { get; init; }

    /// <summary>device-type1/4 <c>userCpgName</c>: move the volume to another CPG (3PAR <c>tunevv</c>).</summary>
    public string PoolName { get; init; }

    public bool? DataReduction { get; init; }

    public string Comment { get; init; }

    /// <summary>Changed settings applied over the current ones.</summary>
    public Func<VolumeSettings, VolumeSettings> Settings { get; init; } = s => s;

    /// <summary>device-type2 object references that must exist on the array (folder, policy, owning group).</summary>
    public IReadOnlyList<(string Kind, string Id)> References { get; init; } = [];
}

/// <summary>An edit that passed the array's checks and holds the volume, new name and extra capacity.</summary>
public sealed record VolumeEditTicket(VolumeEditPlan Plan, StoragePool TargetPool, long ReservedMiB);

public sealed partial class FleetStore
{
    public (VolumeEditTicket Ticket, ArrayFailure Failure) BeginEdit(VolumeEditPlan plan)
    {
        lock (gate)
        {
            var system = systemsById[plan.SystemId];
            var volume = FindVolumeLocked(plan.VolumeId, system.Id);
            if (volume is null)
            {
                return (null, VolumeGone(plan.VolumeId, system));
            }

            var pool = poolsById[volume.PoolId];
            var targetPool = pool;
            if (plan.PoolName is not null && plan.PoolName != pool.Name)
            {
                targetPool = poolsBySystem[system.Id].Find(p => p.Name == plan.PoolName);
                if (targetPool is null)
                {
                    return (null, ArrayFailure.PoolNotFound(
                        $"CPG '{plan.PoolName}' does not exist on system {system.Name}."));
                }
            }

            var failure = UnknownReference(system, plan) ?? RenameRefusalLocked(system, volume, plan.Name)
                ?? ResizeRefusal(system, volume, plan);
            if (failure is not null)
            {
                return (null, failure);
            }

            // Growing needs the extra virtual size; a move to another CPG also needs the written data there.
            var growthMiB = Math.Max(0, (plan.SizeMiB ?? volume.SizeMiB) - volume.SizeMiB);
            var neededMiB = growthMiB + (targetPool == pool ? 0 : volume.UsedMiB);
            if (neededMiB > targetPool.FreeMiB)
            {
                return (null, new ArrayFailure("BAD_REQUEST",
                    $"Not enough free space in {PoolNoun(system)} '{targetPool.Name}': the edit needs {neededMiB} MiB, "
                    + $"{targetPool.FreeMiB} MiB free.",
                    "Free capacity in the pool, or choose a smaller size."));
            }

            var busy = HoldLocked(true, (volume.Id, VolumeLabel(volume)));
            if (busy is not null)
            {
                return (null, busy);
            }

            if (plan.Name is not null && plan.Name != volume.Name)
            {
                takenNamesBySystem[system.Id].Add(plan.Name);
            }

            targetPool.ReservedMiB += neededMiB;
            return (new VolumeEditTicket(plan, targetPool, neededMiB), null);
        }
    }

    public Volume CompleteEdit(VolumeEditTicket ticket, DateTimeOffset now)
    {
        lock (gate)
        {
            var (plan, targetPool, reservedMiB) = ticket;
            ReleaseLocked(true, plan.VolumeId);
            targetPool.ReservedMiB -= reservedMiB;

            // The exclusive hold kept every other task away, so the record is the one the checks saw.
            var volume = volumesById[plan.VolumeId];
            var updated = volume with
            {
                Name = plan.Name ?? volume.Name,
                SizeMiB = plan.SizeMiB ?? volume.SizeMiB,
                PoolId = targetPool.Id,
                DataReduction = plan.DataReduction ?? volume.DataReduction,
                Comment = plan.Comment ?? volume.Comment,
                Settings = plan.Settings(volume.Settings),
                Generation = now.ToUnixTimeSeconds(),
            };

            if (updated.Name != volume.Name)
            {
                takenNamesBySystem[volume.SystemId].Remove(volume.Name);
            }

            LeavePoolLocked(volume, poolsById[volume.PoolId]);
            JoinPoolLocked(updated, targetPool);
            ReplaceVolumeLocked(updated);
            return updated;
        }
    }

    private ArrayFailure RenameRefusalLocked(StorageSystem system, Volume volume, string name) =>
        name is not null && name != volume.Name && takenNamesBySystem[system.Id].Contains(name)
            ? new ArrayFailure("BAD_REQUEST", $"A volume named '{name}' already exists on system {system.Name}.")
            : null;

    private static ArrayFailure ResizeRefusal(StorageSystem system, Volume volume, VolumeEditPlan plan)
    {
        if (plan.SizeMiB is not { } size || size >= volume.SizeMiB)
        {
            return null;
        }

        if (!plan.AllowShrink)
        {
            var how = system.DeviceType.UsesCpgs()
                ? "Volumes on this array can only grow."
                : "Send force=true to shrink a volume.";
            return new ArrayFailure("BAD_REQUEST",
                $"Volume '{volume.Name}' cannot shrink from {volume.SizeMiB} MiB to {size} MiB. {how}",
                "Give a size at least as large as the current one.");
        }

        return size < volume.UsedMiB
            ? new ArrayFailure("BAD_REQUEST",
                $"Volume '{volume.Name}' cannot shrink to {size} MiB: {volume.UsedMiB} MiB are written.")
            : null;
    }

    /// <summary>
    /// The simulator has no Nimble folders and no performance policy beyond the default one, so only an empty folder
    /// id ("no folder") and the default policy's id are known; the owning group must be the array's own group.
    /// </summary>
    private static ArrayFailure UnknownReference(StorageSystem system, VolumeEditPlan plan)
    {
        foreach (var (kind, id) in plan.References)
        {
            var known = kind switch
            {
                "folder" => id.Length == 0,
                "performance policy" => string.Equals(
                    id, NimblePerformancePolicies.DefaultId(system), StringComparison.OrdinalIgnoreCase),
                "group" => string.Equals(id, system.Id, StringComparison.OrdinalIgnoreCase),
                _ => false,
            };
            if (!known)
            {
                return new ArrayFailure(
                    "NOT_FOUND",
                    $"The {kind} '{id}' does not exist on system {system.Name}.",
                    "Leave the property out, or give the id of an object that exists on the array.");
            }
        }

        return null;
    }
}
