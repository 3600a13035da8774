namespace DsccSimulator.Store;

/// <summary>One host group to present a volume to; <c>Lun</c> null means the lowest free LUN.</summary>
public sealed record ExportRequest(HostGroupRef HostGroup, long? Lun);

/// <summary>An export request after validation, in array terms.</summary>
public sealed record ExportPlan
{
    public required string SystemId { get; init; }

    public required string VolumeId { get; init; }

    public required IReadOnlyList<ExportRequest> Requests { get; init; }

    /// <summary>
    /// device-type1/4 <c>override</c>: an existing export to a requested host group is kept instead of failing.
    /// device-type2 <c>force_apply_to</c>: an existing record gets the requested <c>apply_to</c>.
    /// </summary>
    public bool Override { get; init; }

    /// <summary>device-type2 <c>apply_to</c>; null keeps Nimble's default, <c>both</c>.</summary>
    public string ApplyTo { get; init; }
}

/// <summary>An export that passed the array's checks, with the presentations it adds.</summary>
public sealed record ExportTicket(ExportPlan Plan, IReadOnlyList<ExportRequest> NewRequests);

/// <summary>Exports (VLUNs, access control records) of one volume about to be removed.</summary>
public sealed record ExportRemoval(string SystemId, string VolumeId, IReadOnlyList<string> ExportIds);

/// <summary>
/// Presenting volumes to fleet host groups. A LUN is unique per host group on one array; automatic LUNs take the
/// lowest free number, like 3PAR <c>createvlun ... auto</c> and Nimble access control records without a LUN.
/// </summary>
public sealed partial class FleetStore
{
    /// <summary>Nimble's default when an export gives no <c>apply_to</c>.</summary>
    public const string DefaultApplyTo = "both";

    // Exports and explicit LUNs promised to running tasks, so two tasks cannot claim the same ones.
    private readonly HashSet<(string VolumeId, string HostGroupId)> pendingExports = [];

    private readonly HashSet<(string SystemId, string HostGroupId, long Lun)> pendingLuns = [];

    // device-type2: the initiator group DSCC creates on the array for each fleet host group it exports to.
    private readonly Dictionary<(string SystemId, string HostGroupId), string> initiatorGroupIds = [];

    /// <summary>Finds an export by id among one system's volumes (the ACR and VLUN by-id reads).</summary>
    public (Volume Volume, VolumeExport Export) FindExport(string systemId, string exportId)
    {
        lock (gate)
        {
            if (!volumesBySystem.TryGetValue(systemId, out var ofSystem))
            {
                return (null, null);
            }

            foreach (var volume in ofSystem)
            {
                var export = volume.Exports.FirstOrDefault(
                    e => string.Equals(e.Id, exportId, StringComparison.OrdinalIgnoreCase));
                if (export is not null)
                {
                    return (volume, export);
                }
            }

            return (null, null);
        }
    }

    public (ExportTicket Ticket, ArrayFailure Failure) BeginExport(ExportPlan plan)
    {
        lock (gate)
        {
            var system = systemsById[plan.SystemId];
            var volume = FindVolumeLocked(plan.VolumeId, system.Id);
            if (volume is null)
            {
                return (null, VolumeGone(plan.VolumeId, system));
            }

            var newRequests = new List<ExportRequest>();
            foreach (var request in plan.Requests)
            {
                var group = request.HostGroup;
                if (pendingExports.Contains((volume.Id, group.Id)))
                {
                    return (null, new ArrayFailure("BAD_REQUEST",
                        $"Volume '{volume.Name}' is already being exported to host group '{group.Name}' by "
                        + "another task."));
                }

                var existing = volume.Exports.FirstOrDefault(e => e.HostGroupId == group.Id);
                if (existing is not null)
                {
                    if (plan.Override)
                    {
                        continue;
                    }

                    return (null, AlreadyExported(system, volume, existing));
                }

                var lunFailure = request.Lun is { } lun ? LunTakenLocked(system, group, lun) : null;
                if (lunFailure is not null)
                {
                    return (null, lunFailure);
                }

                newRequests.Add(request);
            }

            var busy = HoldLocked(false, (volume.Id, VolumeLabel(volume)));
            if (busy is not null)
            {
                return (null, busy);
            }

            ReservePendingLocked(system, volume, newRequests);
            return (new ExportTicket(plan, newRequests), null);
        }
    }

    public Volume CompleteExport(ExportTicket ticket, DateTimeOffset now)
    {
        lock (gate)
        {
            var (plan, newRequests) = ticket;
            var system = systemsById[plan.SystemId];
            ReleaseLocked(false, plan.VolumeId);
            ReleasePendingLocked(system, plan.VolumeId, newRequests);

            var volume = volumesById[plan.VolumeId];
            var exports = volume.Exports.ToList();
            if (plan.Override && plan.ApplyTo is not null)
            {
                var overridden = plan.Requests.Select(r => r.HostGroup.Id).ToHashSet();
                exports = exports
                    .Select(e => overridden.Contains(e.HostGroupId) ? e with { ApplyTo = plan.ApplyTo } : e)
                    .ToList();
            }

            exports.AddRange(newRequests.Select(r => NewExportLocked(system, r, plan.ApplyTo, now)));
            var updated = volume with { Exports = exports, Generation = now.ToUnixTimeSeconds() };
            ReplaceVolumeLocked(updated);
            return updated;
        }
    }

    /// <summary>Un-export from host groups: each must currently have the volume, else the array refuses.</summary>
    public (ExportRemoval Removal, ArrayFailure Failure) BeginUnexport(
        string systemId, string volumeId, IReadOnlyList<HostGroupRef> hostGroups)
    {
        lock (gate)
        {
            var system = systemsById[systemId];
            var volume = FindVolumeLocked(volumeId, system.Id);
            if (volume is null)
            {
                return (null, VolumeGone(volumeId, system));
            }

            var exportIds = new List<string>();
            foreach (var group in hostGroups)
            {
                var export = volume.Exports.FirstOrDefault(e => e.HostGroupId == group.Id);
                if (export is null)
                {
                    return (null, new ArrayFailure("NOT_FOUND",
                        $"Volume '{volume.Name}' is not exported to host group '{group.Name}'.",
                        "List the volume's exports and un-export only host groups it is presented to."));
                }

                exportIds.Add(export.Id);
            }

            return HoldForRemovalLocked(volume, exportIds);
        }
    }

    /// <summary>Removal of one VLUN or access control record by id.</summary>
    public (ExportRemoval Removal, ArrayFailure Failure) BeginExportRemoval(
        string systemId, string volumeId, string exportId)
    {
        lock (gate)
        {
            var system = systemsById[systemId];
            var volume = FindVolumeLocked(volumeId, system.Id);
            var export = volume?.Exports.FirstOrDefault(e => e.Id == exportId);
            if (export is null)
            {
                return (null, new ArrayFailure(
                    "NOT_FOUND",
                    $"Export '{exportId}' no longer exists on system {system.Name}.",
                    "Another task removed it after this request was accepted."));
            }

            return HoldForRemovalLocked(volume, [export.Id]);
        }
    }

    public Volume CompleteExportRemoval(ExportRemoval removal, DateTimeOffset now)
    {
        lock (gate)
        {
            ReleaseLocked(false, removal.VolumeId);
            var volume = volumesById[removal.VolumeId];
            var removed = removal.ExportIds.ToHashSet(StringComparer.OrdinalIgnoreCase);
            var updated = volume with
            {
                Exports = volume.Exports.Where(e => !removed.Contains(e.Id)).ToList(),
                Generation = now.ToUnixTimeSeconds(),
            };
            ReplaceVolumeLocked(updated);
            return updated;
        }
    }

    private (ExportRemoval, ArrayFailure) HoldForRemovalLocked(Volume volume, IReadOnlyList<string> exportIds)
    {
        var busy = HoldLocked(false, (volume.Id, VolumeLabel(volume)));
        return busy is null
            ? (new ExportRemoval(volume.SystemId, volume.Id, exportIds), null)
            : (null, busy);
    }

    private static ArrayFailure AlreadyExported(StorageSystem system, Volume volume, VolumeExport existing)
    {
        var option = system.DeviceType.UsesCpgs() ? "override=true" : "force_apply_to=true";
        return new ArrayFailure("BAD_REQUEST",
            $"Volume '{volume.Name}' is already exported to host group '{existing.HostGroupName}' "
            + $"(LUN {existing.Lun}).",
            $"Leave that host group out, or send {option} to keep the existing export.");
    }

    /// <summary>A refusal when another volume already uses this LUN for the host group on this array.</summary>
    private ArrayFailure LunTakenLocked(StorageSystem system, HostGroupRef group, long lun)
    {
        var holder = volumesBySystem[system.Id]
            .FirstOrDefault(v => v.Exports.Any(e => e.HostGroupId == group.Id && e.Lun == lun));
        if (holder is null && !pendingLuns.Contains((system.Id, group.Id, lun)))
        {
            return null;
        }

        var by = holder is null ? "a running task" : $"volume '{holder.Name}'";
        return new ArrayFailure("BAD_REQUEST",
            $"LUN {lun} is already used by {by} for host group '{group.Name}' on system {system.Name}.",
            "Choose another LUN, or let the array pick one.");
    }

    private long LowestFreeLunLocked(StorageSystem system, string hostGroupId)
    {
        var used = volumesBySystem[system.Id]
            .SelectMany(v => v.Exports)
            .Where(e => e.HostGroupId == hostGroupId)
            .Select(e => e.Lun)
            .Concat(pendingLuns.Where(p => p.SystemId == system.Id && p.HostGroupId == hostGroupId)
                .Select(p => p.Lun))
            .ToHashSet();
        var lun = 0L;
        while (used.Contains(lun))
        {
            lun++;
        }

        return lun;
    }

    private void ReservePendingLocked(StorageSystem system, Volume volume, IEnumerable<ExportRequest> requests)
    {
        foreach (var request in requests)
        {
            pendingExports.Add((volume.Id, request.HostGroup.Id));
            if (request.Lun is { } lun)
            {
                pendingLuns.Add((system.Id, request.HostGroup.Id, lun));
            }
        }
    }

    private void ReleasePendingLocked(StorageSystem system, string volumeId, IEnumerable<ExportRequest> requests)
    {
        foreach (var request in requests)
        {
            pendingExports.Remove((volumeId, request.HostGroup.Id));
            if (request.Lun is { } lun)
            {
                pendingLuns.Remove((system.Id, request.HostGroup.Id, lun));
            }
        }
    }

    /// <summary>A VLUN (device-type1/4) or access control record (device-type2) for one request.</summary>
    private VolumeExport NewExportLocked(
        StorageSystem system, ExportRequest request, string applyTo, DateTimeOffset now)
    {
        var group = request.HostGroup;
        var isNimble = system.DeviceType == DeviceType.DeviceType2;
        return new VolumeExport
        {
            Id = isNimble ? NextNimbleObjectIdLocked(system, NimbleObjectTypes.AccessControlRecord) : ids.Hex(32),
            HostGroupId = group.Id,
            HostGroupName = group.Name,
            Lun = request.Lun ?? LowestFreeLunLocked(system, group.Id),
            InitiatorGroupId = isNimble ? InitiatorGroupIdLocked(system, group.Id) : null,
            ApplyTo = isNimble ? applyTo ?? DefaultApplyTo : null,
            CreatedAt = now,
            Generation = now.ToUnixTimeSeconds(),
        };
    }

    private string InitiatorGroupIdLocked(StorageSystem system, string hostGroupId)
    {
        if (!initiatorGroupIds.TryGetValue((system.Id, hostGroupId), out var id))
        {
            id = NextNimbleObjectIdLocked(system, NimbleObjectTypes.InitiatorGroup);
            initiatorGroupIds[(system.Id, hostGroupId)] = id;
        }

        return id;
    }
}
