namespace DsccSimulator.Store;

/// <summary>A snapshot request after validation, in array terms.</summary>
public sealed record SnapshotPlan
{
    public required string SystemId { get; init; }

    public required string VolumeId { get; init; }

    public required string Name { get; init; }

    public string Comment { get; init; }

    public bool ReadOnly { get; init; }

    public bool Online { get; init; }

    public bool Writable { get; init; }

    public long? ExpireSeconds { get; init; }

    public long? RetainSeconds { get; init; }

    public string AppUuid { get; init; }

    public IReadOnlyList<KeyValuePair<string, string>> Metadata { get; init; } = [];
}

/// <summary>A snapshot create that has passed the array's checks and holds its name.</summary>
public sealed record SnapshotTicket(SnapshotPlan Plan, StorageSystem System);

/// <summary>A snapshot delete that has passed the array's checks and holds the snapshot.</summary>
public sealed record SnapshotDeletion(Snapshot Snapshot);

/// <summary>
/// Snapshots of volumes. On device-type1/4 a snapshot is a virtual volume, so its name shares the volumes' name
/// space and its number their VV id space; on device-type2 names are unique per volume only (Nimble).
/// </summary>
public sealed partial class FleetStore
{
    private readonly Dictionary<string, Snapshot> snapshotsById = new(StringComparer.OrdinalIgnoreCase);

    private readonly Dictionary<string, List<Snapshot>> snapshotsByVolume = new(StringComparer.OrdinalIgnoreCase);

    // device-type2 only: snapshot names per volume, including names held by running create tasks.
    private readonly Dictionary<string, HashSet<string>> snapshotNamesByVolume = new(StringComparer.OrdinalIgnoreCase);

    public Snapshot FindSnapshot(string id)
    {
        lock (gate)
        {
            return id is null ? null : snapshotsById.GetValueOrDefault(id);
        }
    }

    /// <summary>A copy of a volume's snapshots, oldest first.</summary>
    public Snapshot[] SnapshotsOf(string volumeId)
    {
        lock (gate)
        {
            return snapshotsByVolume.TryGetValue(volumeId, out var list) ? [.. list] : [];
        }
    }

    public (SnapshotTicket Ticket, ArrayFailure Failure) BeginSnapshot(SnapshotPlan plan)
    {
        lock (gate)
        {
            var system = systemsById[plan.SystemId];
            var volume = FindVolumeLocked(plan.VolumeId, system.Id);
            if (volume is null)
            {
                return (null, VolumeGone(plan.VolumeId, system));
            }

            var nameFailure = SnapshotNameTakenLocked(system, volume, plan.Name);
            if (nameFailure is not null)
            {
                return (null, nameFailure);
            }

            var busy = HoldLocked(false, (volume.Id, VolumeLabel(volume)));
            if (busy is not null)
            {
                return (null, busy);
            }

            SnapshotNamesLocked(system, volume.Id).Add(plan.Name);
            return (new SnapshotTicket(plan, system), null);
        }
    }

    public Snapshot CompleteSnapshot(SnapshotTicket ticket, DateTimeOffset now)
    {
        lock (gate)
        {
            var (plan, system) = ticket;
            ReleaseLocked(false, plan.VolumeId);

            // The shared hold kept deletes away, so the parent is still there.
            var volume = volumesById[plan.VolumeId];
            var usesCpgs = system.DeviceType.UsesCpgs();
            var number = usesCpgs
                ? ++lastVolumeNumberBySystem[system.Id]
                : NextObjectIndexLocked(system, NimbleObjectTypes.Snapshot);

            var snapshot = new Snapshot
            {
                Id = usesCpgs
                    ? ids.Hex(32)
                    : IdFactory.NimbleObjectId(NimbleObjectTypes.Snapshot, system.Id[2..18], number),
                Name = plan.Name,
                SystemId = system.Id,
                DeviceType = system.DeviceType,
                VolumeId = volume.Id,
                Number = number,
                SizeMiB = volume.SizeMiB,
                DataMiB = volume.UsedMiB,
                Wwn = usesCpgs
                    ? IdFactory.PrimeraVolumeWwn(number, system.SystemWwn)
                    : IdFactory.NimbleSerial(system.Id[2..18], ids.Hex(10)),
                Comment = plan.Comment,
                ReadOnly = plan.ReadOnly,
                Online = plan.Online,
                Writable = plan.Writable,
                ExpiresAt = plan.ExpireSeconds is { } expire ? now.AddSeconds(expire) : null,
                RetainedUntil = plan.RetainSeconds is { } retain ? now.AddSeconds(retain) : null,
                AppUuid = plan.AppUuid,
                Metadata = plan.Metadata,
                CreatedAt = now,
                Generation = now.ToUnixTimeSeconds(),
            };

            snapshotsById.Add(snapshot.Id, snapshot);
            if (!snapshotsByVolume.TryGetValue(volume.Id, out var list))
            {
                snapshotsByVolume[volume.Id] = list = [];
            }

            list.Add(snapshot);
            return snapshot;
        }
    }

    public (SnapshotDeletion Deletion, ArrayFailure Failure) BeginSnapshotDelete(
        string systemId, string snapshotId, bool force, DateTimeOffset now)
    {
        lock (gate)
        {
            var system = systemsById[systemId];
            if (!snapshotsById.TryGetValue(snapshotId, out var snapshot) || snapshot.SystemId != system.Id)
            {
                return (null, SnapshotGone(snapshotId, system));
            }

            var refusal = RetentionRefusal(snapshot, now) ?? DependentClonesRefusal(snapshot);
            if (refusal is not null)
            {
                return (null, refusal);
            }

            // Nimble deletes only offline snapshots; force takes it offline first.
            if (system.DeviceType == DeviceType.DeviceType2 && snapshot.Online && !force)
            {
                return (null, new ArrayFailure(
                    "BAD_REQUEST",
                    $"Snapshot '{snapshot.Name}' is online; an online snapshot cannot be deleted.",
                    "Delete it with force=true, which takes it offline first."));
            }

            var busy = HoldLocked(true, (snapshot.Id, $"Snapshot '{snapshot.Name}'"));
            return busy is null ? (new SnapshotDeletion(snapshot), null) : (null, busy);
        }
    }

    public void CompleteSnapshotDelete(SnapshotDeletion deletion)
    {
        lock (gate)
        {
            ReleaseLocked(true, deletion.Snapshot.Id);
            RemoveSnapshotLocked(deletion.Snapshot);
        }
    }

    /// <summary>device-type2 create with <c>clone</c>: finds the base snapshot; fills in pool, size, lineage.</summary>
    private (VolumePlan Plan, ArrayFailure Failure) PrepareSnapshotCloneLocked(StorageSystem system, VolumePlan plan)
    {
        if (!snapshotsById.TryGetValue(plan.BaseSnapshotId, out var snapshot) || snapshot.SystemId != system.Id)
        {
            return (plan, new ArrayFailure(
                "NOT_FOUND",
                $"Snapshot '{plan.BaseSnapshotId}' does not exist on system {system.Name}.",
                "List the parent volume's snapshots (GET .../volumes/{volumeId}/snapshots) for a valid base_snap_id."));
        }

        if (exclusiveHolds.Contains(snapshot.Id))
        {
            return (plan, new ArrayFailure("BAD_REQUEST", $"Snapshot '{snapshot.Name}' is being deleted."));
        }

        var parent = volumesById[snapshot.VolumeId];
        if (plan.PoolId is not null && !string.Equals(plan.PoolId, parent.PoolId, StringComparison.OrdinalIgnoreCase))
        {
            var parentPool = poolsById[parent.PoolId].Name;
            return (plan, new ArrayFailure("BAD_REQUEST",
                $"A clone lives in its parent's pool: use pool '{parentPool}' or leave pool_id out."));
        }

        if (plan.SizeMiB != 0 && plan.SizeMiB < snapshot.SizeMiB)
        {
            return (plan, new ArrayFailure("BAD_REQUEST",
                $"A clone cannot be smaller than its snapshot: {plan.SizeMiB} MiB < {snapshot.SizeMiB} MiB."));
        }

        return (plan with
        {
            PoolId = parent.PoolId,
            SizeMiB = plan.SizeMiB == 0 ? snapshot.SizeMiB : plan.SizeMiB,
            Lineage = new VolumeLineage(parent.Id, parent.Name, parent.VolumeNumber, snapshot.Id, snapshot.Name),
        }, null);
    }

    private static ArrayFailure SnapshotGone(string snapshotId, StorageSystem system) => new(
        "NOT_FOUND",
        $"Snapshot '{snapshotId}' no longer exists on system {system.Name}.",
        "The snapshot was deleted after this request was accepted.");

    private void HoldCloneSourceLocked(VolumePlan plan)
    {
        if (plan.Lineage?.SourceSnapshotId is { } snapshotId)
        {
            HoldLocked(false, (snapshotId, "Snapshot"));
        }
    }

    private void ReleaseCloneSourceLocked(VolumePlan plan)
    {
        if (plan.Lineage?.SourceSnapshotId is { } snapshotId)
        {
            ReleaseLocked(false, snapshotId);
        }
    }

    private ArrayFailure SnapshotNameTakenLocked(StorageSystem system, Volume volume, string name)
    {
        if (system.DeviceType.UsesCpgs())
        {
            return takenNamesBySystem[system.Id].Contains(name)
                ? new ArrayFailure("BAD_REQUEST",
                    $"A volume or snapshot named '{name}' already exists on system {system.Name}.",
                    "Snapshots share the volumes' name space on this array; choose another name or name pattern.")
                : null;
        }

        return SnapshotNamesLocked(system, volume.Id).Contains(name)
            ? new ArrayFailure("BAD_REQUEST", $"Volume '{volume.Name}' already has a snapshot named '{name}'.")
            : null;
    }

    /// <summary>The set that holds a snapshot name: the system's VV names (type1/4) or the volume's (type2).</summary>
    private HashSet<string> SnapshotNamesLocked(StorageSystem system, string volumeId)
    {
        if (system.DeviceType.UsesCpgs())
        {
            return takenNamesBySystem[system.Id];
        }

        if (!snapshotNamesByVolume.TryGetValue(volumeId, out var names))
        {
            snapshotNamesByVolume[volumeId] = names = new HashSet<string>(StringComparer.Ordinal);
        }

        return names;
    }

    private void RemoveSnapshotLocked(Snapshot snapshot)
    {
        snapshotsById.Remove(snapshot.Id);
        var list = snapshotsByVolume[snapshot.VolumeId];
        list.Remove(snapshot);
        if (list.Count == 0)
        {
            snapshotsByVolume.Remove(snapshot.VolumeId);
        }

        SnapshotNamesLocked(systemsById[snapshot.SystemId], snapshot.VolumeId).Remove(snapshot.Name);
    }

    /// <summary>3PAR retention (Virtual Lock): no one can remove the snapshot before its retention time.</summary>
    private static ArrayFailure RetentionRefusal(Snapshot snapshot, DateTimeOffset now) =>
        snapshot.RetainedUntil is { } until && until > now
            ? new ArrayFailure("BAD_REQUEST",
                $"Snapshot '{snapshot.Name}' is retained until {until.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'} "
                + "and cannot be removed before then.",
                "Wait until the retention time has passed.")
            : null;

    /// <summary>Nimble clones share blocks with their base snapshot, which therefore cannot go first.</summary>
    private ArrayFailure DependentClonesRefusal(Snapshot snapshot)
    {
        var clones = volumesBySystem[snapshot.SystemId]
            .Where(v => v.Lineage?.SourceSnapshotId == snapshot.Id && v.DeviceType == DeviceType.DeviceType2)
            .Select(v => v.Name)
            .ToList();
        return clones.Count == 0
            ? null
            : new ArrayFailure("BAD_REQUEST",
                $"Snapshot '{snapshot.Name}' has dependent clones: {string.Join(", ", clones)}.",
                "Delete the clones first.");
    }
}

/// <summary>Leading bytes of Nimble NsObjectIDs per object type.</summary>
public static class NimbleObjectTypes
{
    public const string InitiatorGroup = "02";

    public const string PerformancePolicy = "03";

    public const string Snapshot = "04";

    public const string AccessControlRecord = "0d";
}
