namespace DsccSimulator.Store;

/// <summary>
/// A volume delete and its query flags: device-type1/4 <c>unExport</c> and <c>cascade</c>, device-type2
/// <c>force</c> and the deprecated <c>offline</c>.
/// </summary>
public sealed record VolumeDeletePlan
{
    public required string SystemId { get; init; }

    public required string VolumeId { get; init; }

    public bool UnExport { get; init; }

    public bool Cascade { get; init; }

    public bool Offline { get; init; }

    public bool Force { get; init; }
}

/// <summary>A delete that passed the array's checks: the volume and the snapshots that go with it.</summary>
public sealed record VolumeDeletion(Volume Volume, IReadOnlyList<Snapshot> Snapshots);

public sealed partial class FleetStore
{
    public (VolumeDeletion Deletion, ArrayFailure Failure) BeginDelete(VolumeDeletePlan plan, DateTimeOffset now)
    {
        lock (gate)
        {
            var system = systemsById[plan.SystemId];
            var volume = FindVolumeLocked(plan.VolumeId, system.Id);
            if (volume is null)
            {
                return (null, VolumeGone(plan.VolumeId, system));
            }

            var snapshots = snapshotsByVolume.TryGetValue(volume.Id, out var list) ? list.ToList() : [];
            var refusal = system.DeviceType.UsesCpgs()
                ? CpgVolumeDeleteRefusal(volume, snapshots, plan)
                : NimbleVolumeDeleteRefusalLocked(volume, snapshots, plan);
            refusal ??= snapshots.Select(s => RetentionRefusal(s, now)).FirstOrDefault(r => r is not null);
            if (refusal is not null)
            {
                return (null, refusal);
            }

            var objects = snapshots
                .Select(s => (s.Id, $"Snapshot '{s.Name}'"))
                .Prepend((volume.Id, VolumeLabel(volume)));
            var busy = HoldLocked(true, [.. objects]);
            return busy is null ? (new VolumeDeletion(volume, snapshots), null) : (null, busy);
        }
    }

    /// <summary>Removes the volume, its snapshots and its exports; the pool gets the capacity back.</summary>
    public void CompleteDelete(VolumeDeletion deletion)
    {
        lock (gate)
        {
            var (volume, snapshots) = deletion;
            ReleaseLocked(true, [volume.Id, .. snapshots.Select(s => s.Id)]);
            foreach (var snapshot in snapshots)
            {
                RemoveSnapshotLocked(snapshot);
            }

            snapshotNamesByVolume.Remove(volume.Id);
            RemoveVolumeLocked(volumesById[volume.Id]);
        }
    }

    /// <summary>
    /// 3PAR <c>removevv</c>: an exported volume needs <c>unExport</c>, one with snapshots <c>cascade</c>.
    /// </summary>
    private static ArrayFailure CpgVolumeDeleteRefusal(Volume volume, List<Snapshot> snapshots, VolumeDeletePlan plan)
    {
        if (volume.Exports.Count > 0 && !plan.UnExport)
        {
            return new ArrayFailure("BAD_REQUEST",
                $"Volume '{volume.Name}' is exported to host group(s) {DescribeExports(volume)}.",
                "Un-export the volume first, or delete it with unExport=true.");
        }

        if (snapshots.Count > 0 && !plan.Cascade)
        {
            return new ArrayFailure("BAD_REQUEST",
                $"Volume '{volume.Name}' has {snapshots.Count} snapshot(s): {DescribeSnapshots(snapshots)}.",
                "Delete the snapshots first, or delete the volume with cascade=true.");
        }

        return null;
    }

    /// <summary>
    /// Nimble: clones keep their parent alive; access control records and snapshots go only with <c>force</c>,
    /// which also takes the volume offline; a plain delete needs an offline volume (or <c>offline=true</c>).
    /// </summary>
    private ArrayFailure NimbleVolumeDeleteRefusalLocked(
        Volume volume, List<Snapshot> snapshots, VolumeDeletePlan plan)
    {
        var clones = volumesBySystem[volume.SystemId]
            .Where(v => v.Lineage?.SourceVolumeId == volume.Id)
            .Select(v => v.Name)
            .ToList();
        if (clones.Count > 0)
        {
            return new ArrayFailure("BAD_REQUEST",
                $"Volume '{volume.Name}' has dependent clones: {string.Join(", ", clones)}.",
                "Delete the clones first.");
        }

        if (volume.Exports.Count > 0 && !plan.Force)
        {
            return new ArrayFailure("BAD_REQUEST",
                $"Volume '{volume.Name}' still has access control records for host group(s) "
                + $"{DescribeExports(volume)}.",
                "Un-export the volume first, or delete it with force=true.");
        }

        if (snapshots.Count > 0 && !plan.Force)
        {
            return new ArrayFailure("BAD_REQUEST",
                $"Volume '{volume.Name}' has {snapshots.Count} snapshot(s): {DescribeSnapshots(snapshots)}.",
                "Delete the snapshots first, or delete the volume with force=true.");
        }

        if (volume.Settings.Online && !plan.Offline && !plan.Force)
        {
            return new ArrayFailure("BAD_REQUEST",
                $"Volume '{volume.Name}' is online; only an offline volume can be deleted.",
                "Set the volume offline first (PUT with online false), or delete it with force=true.");
        }

        return null;
    }

    private static string DescribeExports(Volume volume) =>
        string.Join(", ", volume.Exports.Select(e => $"'{e.HostGroupName}' (LUN {e.Lun})"));

    private static string DescribeSnapshots(IEnumerable<Snapshot> snapshots) =>
        string.Join(", ", snapshots.Select(s => $"'{s.Name}'"));
}
