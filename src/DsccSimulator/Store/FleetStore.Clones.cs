namespace DsccSimulator.Store;

/// <summary>A clone request after validation, in array terms.</summary>
public sealed record ClonePlan
{
    public required string SystemId { get; init; }

    /// <summary>Volume to copy; null when cloning <see cref="SourceSnapshotId"/>.</summary>
    public string SourceVolumeId { get; init; }

    public string SourceSnapshotId { get; init; }

    /// <summary>Name of the new volume, or of the existing one to copy into.</summary>
    public required string Name { get; init; }

    /// <summary>device-type1/4 destination CPG; null means the source's CPG.</summary>
    public string PoolName { get; init; }

    /// <summary>device-type1/4 offline copy into the existing volume named <see cref="Name"/>.</summary>
    public bool IntoExistingVolume { get; init; }

    /// <summary>Host group to export the new clone to, if any.</summary>
    public ExportRequest Export { get; init; }
}

/// <summary>A clone that passed the array's checks and holds its name, capacity and sources.</summary>
public sealed record CloneTicket(
    ClonePlan Plan, Volume Source, Snapshot SourceSnapshot, StoragePool Pool, Volume Target, long ReservedMiB);

/// <summary>
/// Clones. device-type1/4 make physical copies (3PAR <c>createvvcopy</c>): the clone holds its own copy of the
/// source's written data and does not depend on it afterwards. device-type2 clones share blocks with their parent
/// (zero-copy), live in the parent's pool, and keep the parent from being deleted.
/// </summary>
public sealed partial class FleetStore
{
    public (CloneTicket Ticket, ArrayFailure Failure) BeginClone(ClonePlan plan)
    {
        lock (gate)
        {
            var system = systemsById[plan.SystemId];
            var (source, snapshot, failure) = CloneSourceLocked(system, plan);
            if (failure is not null)
            {
                return (null, failure);
            }

            var isCopy = system.DeviceType.UsesCpgs();
            var dataMiB = isCopy ? snapshot?.DataMiB ?? source.UsedMiB : 0;
            var sizeMiB = snapshot?.SizeMiB ?? source.SizeMiB;

            Volume target = null;
            StoragePool pool;
            if (plan.IntoExistingVolume)
            {
                (target, failure) = CopyTargetLocked(system, plan.Name, source, sizeMiB);
                pool = target is null ? null : poolsById[target.PoolId];
            }
            else
            {
                (pool, failure) = ClonePoolLocked(system, plan, source);
                failure ??= takenNamesBySystem[system.Id].Contains(plan.Name)
                    ? new ArrayFailure("BAD_REQUEST",
                        $"A volume or snapshot named '{plan.Name}' already exists on system {system.Name}.")
                    : null;
            }

            if (failure is not null)
            {
                return (null, failure);
            }

            var neededMiB = Math.Max(0, dataMiB - (target?.UsedMiB ?? 0));
            if (neededMiB > pool.FreeMiB)
            {
                return (null, new ArrayFailure("BAD_REQUEST",
                    $"Not enough free space in {PoolNoun(system)} '{pool.Name}' for the copy: needs {neededMiB} MiB, "
                    + $"{pool.FreeMiB} MiB free."));
            }

            if (plan.Export is { Lun: { } lun } export)
            {
                failure = LunTakenLocked(system, export.HostGroup, lun);
                if (failure is not null)
                {
                    return (null, failure);
                }
            }

            failure = HoldCloneObjectsLocked(source, snapshot, target);
            if (failure is not null)
            {
                return (null, failure);
            }

            if (target is null)
            {
                takenNamesBySystem[system.Id].Add(plan.Name);
            }

            pool.ReservedMiB += neededMiB;
            if (plan.Export is { Lun: { } reservedLun })
            {
                pendingLuns.Add((system.Id, plan.Export.HostGroup.Id, reservedLun));
            }

            return (new CloneTicket(plan, source, snapshot, pool, target, neededMiB), null);
        }
    }

    public Volume CompleteClone(CloneTicket ticket, DateTimeOffset now)
    {
        lock (gate)
        {
            var (plan, source, snapshot, pool, target, reservedMiB) = ticket;
            var system = systemsById[plan.SystemId];
            ReleaseLocked(false, source.Id);
            if (snapshot is not null)
            {
                ReleaseLocked(false, snapshot.Id);
            }

            if (target is not null)
            {
                ReleaseLocked(true, target.Id);
            }

            pool.ReservedMiB -= reservedMiB;
            if (plan.Export is { Lun: { } lun })
            {
                pendingLuns.Remove((system.Id, plan.Export.HostGroup.Id, lun));
            }

            var current = volumesById[source.Id];
            var lineage = new VolumeLineage(
                current.Id, current.Name, snapshot?.Number ?? current.VolumeNumber, snapshot?.Id, snapshot?.Name);
            var dataMiB = system.DeviceType.UsesCpgs() ? snapshot?.DataMiB ?? current.UsedMiB : 0;

            var clone = target is null
                ? AddCloneLocked(system, plan, pool, current, snapshot, lineage, dataMiB, now)
                : CopyIntoLocked(volumesById[target.Id], lineage, dataMiB, now);

            if (plan.Export is not null)
            {
                clone = clone with { Exports = [NewExportLocked(system, plan.Export, null, now)] };
                ReplaceVolumeLocked(clone);
            }

            return clone;
        }
    }

    private (Volume Source, Snapshot Snapshot, ArrayFailure Failure) CloneSourceLocked(
        StorageSystem system, ClonePlan plan)
    {
        if (plan.SourceSnapshotId is null)
        {
            var volume = FindVolumeLocked(plan.SourceVolumeId, system.Id);
            return volume is null ? (null, null, VolumeGone(plan.SourceVolumeId, system)) : (volume, null, null);
        }

        if (!snapshotsById.TryGetValue(plan.SourceSnapshotId, out var snapshot) || snapshot.SystemId != system.Id)
        {
            return (null, null, SnapshotGone(plan.SourceSnapshotId, system));
        }

        return (volumesById[snapshot.VolumeId], snapshot, null);
    }

    /// <summary>The volume an offline copy overwrites: on the same array, not the source, and large enough.</summary>
    private (Volume Target, ArrayFailure Failure) CopyTargetLocked(
        StorageSystem system, string name, Volume source, long sizeMiB)
    {
        var target = volumesBySystem[system.Id].Find(v => v.Name == name);
        if (target is null)
        {
            return (null, new ArrayFailure("NOT_FOUND",
                $"Destination volume '{name}' does not exist on system {system.Name}.",
                "Create the destination volume first, or clone into a new volume."));
        }

        if (target.Id == source.Id)
        {
            return (null, new ArrayFailure("BAD_REQUEST", $"Volume '{name}' cannot be copied onto itself."));
        }

        return target.SizeMiB < sizeMiB
            ? (null, new ArrayFailure("BAD_REQUEST",
                $"Destination volume '{name}' ({target.SizeMiB} MiB) is smaller than the source ({sizeMiB} MiB).",
                "Grow the destination volume first."))
            : (target, null);
    }

    private (StoragePool Pool, ArrayFailure Failure) ClonePoolLocked(
        StorageSystem system, ClonePlan plan, Volume source)
    {
        if (plan.PoolName is null)
        {
            return (poolsById[source.PoolId], null);
        }

        var pool = poolsBySystem[system.Id].Find(p => p.Name == plan.PoolName);
        return pool is null
            ? (null, ArrayFailure.PoolNotFound($"CPG '{plan.PoolName}' does not exist on system {system.Name}."))
            : (pool, null);
    }

    private ArrayFailure HoldCloneObjectsLocked(Volume source, Snapshot snapshot, Volume target)
    {
        var shared = new List<(string, string)> { (source.Id, VolumeLabel(source)) };
        if (snapshot is not null)
        {
            shared.Add((snapshot.Id, $"Snapshot '{snapshot.Name}'"));
        }

        // Check the exclusive hold first so that a refusal leaves no shared hold behind.
        if (target is not null)
        {
            var targetBusy = HoldLocked(true, (target.Id, VolumeLabel(target)));
            if (targetBusy is not null)
            {
                return targetBusy;
            }
        }

        var busy = HoldLocked(false, [.. shared]);
        if (busy is not null && target is not null)
        {
            ReleaseLocked(true, target.Id);
        }

        return busy;
    }

    private Volume AddCloneLocked(
        StorageSystem system,
        ClonePlan plan,
        StoragePool pool,
        Volume source,
        Snapshot snapshot,
        VolumeLineage lineage,
        long dataMiB,
        DateTimeOffset now)
    {
        var number = ++lastVolumeNumberBySystem[system.Id];
        var shape = new VolumePlan
        {
            SystemId = system.Id,
            Names = [plan.Name],
            SizeMiB = snapshot?.SizeMiB ?? source.SizeMiB,
            DataReduction = source.DataReduction,
            Comment = source.Comment,
            Lineage = lineage,
        };
        var clone = NewVolume(system, pool, plan.Name, number, shape, now) with { UsedMiB = dataMiB };
        AddVolumeLocked(clone);
        pool.UsedMiB += dataMiB;
        return clone;
    }

    private Volume CopyIntoLocked(Volume target, VolumeLineage lineage, long dataMiB, DateTimeOffset now)
    {
        var updated = target with
        {
            UsedMiB = Math.Min(dataMiB, target.SizeMiB),
            Lineage = lineage,
            Generation = now.ToUnixTimeSeconds(),
        };
        poolsById[target.PoolId].UsedMiB += updated.UsedMiB - target.UsedMiB;
        ReplaceVolumeLocked(updated);
        return updated;
    }
}
