using System.Globalization;
using DsccSimulator.Resources.Common;
using DsccSimulator.Store;

namespace DsccSimulator.Resources.Volumes;

/// <summary>Builds the spec's volume schemas from a <see cref="Volume"/>.</summary>
public static class VolumeViews
{
    private const long BytesPerMiB = 1024 * 1024;

    /// <summary>The <c>parentID</c> of a base volume, which is no virtual copy and so has no parent VV.</summary>
    public const long BaseVolumeParentId = 0;

    public static FleetVolumeDetailsList FleetListItem(Volume volume, FleetStore store) =>
        FillFleet(new FleetVolumeDetailsList(), volume, store);

    public static FleetVolumeDetails FleetDetail(Volume volume, FleetStore store, string requestUri)
    {
        var detail = FillFleet(new FleetVolumeDetails(), volume, store);
        detail.RequestUri = requestUri;
        return detail;
    }

    public static PrimeraVolumeDetailsList PrimeraListItem(Volume volume, FleetStore store) =>
        FillPrimeraCapacity(FillPrimeraLineage(new PrimeraVolumeDetailsList(), volume, store), volume, store);

    public static PrimeraVolumeDetails PrimeraDetail(Volume volume, FleetStore store, string requestUri)
    {
        var detail = FillPrimeraCapacity(FillPrimeraLineage(new PrimeraVolumeDetails(), volume, store), volume, store);
        detail.ConsoleUri = ResourceUris.ConsoleVolume(volume);
        detail.RequestUri = requestUri;
        return detail;
    }

    public static ArcusVolumeDetailsList ArcusListItem(Volume volume, FleetStore store)
    {
        var item = FillPrimeraLineage(new ArcusVolumeDetailsList(), volume, store);
        item.VolumeCapacity = ArcusCapacity(volume);
        return item;
    }

    public static ArcusVolumeDetails ArcusDetail(Volume volume, FleetStore store, string requestUri)
    {
        var detail = FillPrimeraLineage(new ArcusVolumeDetails(), volume, store);
        detail.VolumeCapacity = ArcusCapacity(volume);
        detail.ConsoleUri = ResourceUris.ConsoleVolume(volume);
        detail.RequestUri = requestUri;
        return detail;
    }

    public static NimbleVolume NimbleListItem(Volume volume, FleetStore store) =>
        FillNimble(new NimbleVolume(), volume, store);

    public static NimbleVolumeDetails NimbleDetail(Volume volume, FleetStore store, string requestUri)
    {
        var detail = FillNimble(new NimbleVolumeDetails(), volume, store);
        detail.RequestUri = requestUri;
        detail.VolumeExportDetails = new NimbleVolumeExportDetails(
            volume.Exports.Select(e => new NimbleHostGroupDetail(e.HostGroupId, e.HostGroupName)).ToList());
        return detail;
    }

    private static T FillFleet<T>(T target, Volume volume, FleetStore store)
        where T : FleetVolumeDetailsList
    {
        var pool = store.FindPool(volume.PoolId);
        var usesCpgs = volume.DeviceType.UsesCpgs();

        target.AssociatedLinks =
        [
            new AssociatedLink(ResourceUris.PerTypePool(pool), "storage-pools"),
            new AssociatedLink(ResourceUris.GenericSystem(volume.SystemId), "systems"),
        ];
        target.ConsoleUri = ResourceUris.ConsoleVolume(volume);
        target.CustomerId = store.CustomerId;
        target.Generation = volume.Generation;
        target.HealthState = volume.HealthState;
        target.HostWrittenCapacityMiB = volume.UsedMiB;
        target.Id = volume.Id;
        target.Initiators = HostGroupReferences(volume);
        target.IsInternal = false;
        target.IsSystemVolume = false;
        target.Name = volume.Name;
        target.ProductFamily = volume.DeviceType.ProductFamily();
        target.ResourceUri = ResourceUris.PerTypeVolume(volume);
        target.SizeMiB = volume.SizeMiB;
        target.SubType = usesCpgs ? (volume.DataReduction ? "PROVTYPE_DDS" : "PROVTYPE_TPVV") : null;
        target.SystemId = volume.SystemId;
        target.ThinSavings = ThinSavings(volume);
        target.Type = "volume";
        target.UsedCapacityPercent = UsedPercent(volume);
        target.UsedSizeMiB = volume.UsedMiB;
        target.VolumeSetId = store.VolumeSetOf(volume.Id)?.Id;
        target.VolumeType = usesCpgs ? "VVTYPE_BASE" : null;
        target.Wwn = volume.Wwn;
        return target;
    }

    private static T FillPrimeraLineage<T>(T target, Volume volume, FleetStore store)
        where T : PrimeraLineageVolumeFields
    {
        var pool = store.FindPool(volume.PoolId);

        target.AssociatedLinks =
        [
            new AssociatedLink(ResourceUris.PerTypePool(pool), "storage-pools"),
            new AssociatedLink(ResourceUris.PerTypeSystem(store.FindSystem(volume.SystemId)), "systems"),
        ];
        target.Comment = volume.Comment ?? "";
        target.CopyOfId = volume.Lineage?.SourceNumber;
        target.CreationTime = new CalendarTime(volume.CreatedAt.ToUnixTimeMilliseconds(), "UTC");
        target.CustomerId = store.CustomerId;
        target.DataReduction = volume.DataReduction ? "Enabled" : "Disabled";
        target.DevType = DevType(pool);
        target.DisplayName = volume.Name;
        target.Generation = volume.Generation;
        target.HealthState = PrimeraHealthState(volume.HealthState);
        target.Id = volume.Id;
        target.Initiators = HostGroupReferences(volume);
        target.Name = volume.Name;
        target.ParentId = BaseVolumeParentId;
        target.PhysicalCopy = volume.Lineage is not null;
        target.ProvType = volume.DataReduction ? "DDS" : "TPVV";
        target.ReadOnly = false;
        target.ResourceUri = ResourceUris.PerTypeVolume(volume);
        target.SnapshotAllocWarning = volume.Settings.SnapshotAllocWarning;
        target.State = new OverallState(volume.HealthState == "NORMAL" ? "STATE_NORMAL" : "STATE_DEGRADED", []);
        target.SystemId = volume.SystemId;
        target.ThinProvisioned = true;
        target.Type = "volume";
        target.UserAllocWarning = volume.Settings.UserAllocWarning;
        target.UserCpgId = pool.Number;
        target.UserCpgName = pool.Name;
        target.VolumeId = volume.VolumeNumber;
        target.VolumeType = "VVTYPE_BASE";
        target.Wwn = volume.Wwn;
        return target;
    }

    private static T FillPrimeraCapacity<T>(T target, Volume volume, FleetStore store)
        where T : PrimeraVolumeDetailsList
    {
        target.HostWrittenMiB = volume.UsedMiB;
        target.SizeMiB = volume.SizeMiB;
        target.SnapshotCpgName = store.FindPool(volume.PoolId).Name;
        target.ThinSavings = ThinSavings(volume);
        target.TotalSpaceMiB = volume.UsedMiB;
        target.UsedCapacity = UsedPercent(volume);
        target.UsedSizeMiB = volume.UsedMiB;
        return target;
    }

    private static ArcusVolumeCapacity ArcusCapacity(Volume volume) =>
        new(volume.SizeMiB, ThinSavings(volume), volume.UsedMiB, UsedPercent(volume), volume.UsedMiB);

    private static T FillNimble<T>(T target, Volume volume, FleetStore store)
        where T : NimbleVolume
    {
        var pool = store.FindPool(volume.PoolId);
        var system = store.FindSystem(volume.SystemId);
        var created = volume.CreatedAt.ToUnixTimeSeconds();
        var settings = volume.Settings;
        var lineage = volume.Lineage;

        target.BaseSnapId = lineage?.SourceSnapshotId;
        target.BaseSnapName = lineage?.SourceSnapshotName;
        target.Clone = lineage is not null;
        target.FolderId = "";
        target.FolderName = "";
        target.Id = volume.Id;
        target.Name = volume.Name;
        target.Online = settings.Online;
        target.OwnedByGroup = system.Name;
        target.OwnedByGroupId = system.Id;
        target.ParentVolId = lineage?.SourceVolumeId;
        target.ParentVolName = lineage?.SourceVolumeName;
        target.PerfpolicyId = NimblePerformancePolicies.DefaultId(system);
        target.PerfpolicyName = NimblePerformancePolicies.DefaultName;
        target.PoolId = pool.Id;
        target.PoolName = pool.Name;
        target.ReadOnly = false;
        target.ReplicationRole = "no_replication";
        target.SerialNumber = volume.SerialNumber;
        target.Size = volume.SizeMiB;
        target.TargetName = $"iqn.2007-11.com.nimblestorage:{volume.Name}-v{volume.Id[2..18]}.{volume.VolumeNumber:x8}";
        target.AccessControlRecords = volume.Exports.Select(e => AccessControlRecord(volume, e)).ToList();
        var collection = store.VolumeSetOf(volume.Id);
        target.VolcollId = collection?.Id;
        target.VolcollName = collection?.Name;
        target.AgentType = "none";
        target.AppCategory = "Other";
        target.AppUuid = settings.AppUuid;
        target.AssociatedLinks = [new AssociatedLink(ResourceUris.PerTypeSystem(system), "storage-systems")];
        target.BlockSize = 4096;
        target.CachePinned = false;
        target.CachingEnabled = settings.CachingEnabled;
        target.ConsoleUri = ResourceUris.ConsoleVolume(volume);
        target.CreationTime = created;
        target.CustomerId = store.CustomerId;
        target.DedupeEnabled = volume.DataReduction;
        target.Description = volume.Comment ?? "";
        target.EncryptionCipher = "none";
        target.FullName = $"{pool.Name}:/{volume.Name}";
        target.Generation = volume.Generation;
        target.LastModified = volume.Generation;
        target.Limit = settings.LimitPercent;
        target.LimitIops = settings.LimitIops;
        target.LimitMbps = settings.LimitMbps;
        target.MultiInitiator = false;
        target.OfflineReason = settings.Online ? null : "user";
        target.Reserve = 0;
        target.ResourceUri = ResourceUris.PerTypeVolume(volume);
        target.SearchName = volume.Name;
        target.ThinlyProvisioned = true;
        target.TotalUsageBytes = volume.UsedMiB * BytesPerMiB;
        target.Type = "volume";
        target.VolState = settings.Online ? "online" : "offline";
        target.WarnLevel = 80;
        return target;
    }

    /// <summary>
    /// The device-type1/4 <c>healthState</c>, an integer in the spec: the 3PAR WSAPI volume state codes (1 normal,
    /// 2 degraded, 3 failed, 99 unknown) for the simulator's health state names.
    /// </summary>
    public static long PrimeraHealthState(string healthState) => healthState switch
    {
        "NORMAL" => 1,
        "DEGRADED" => 2,
        "FAILED" => 3,
        _ => 99,
    };

    /// <summary>
    /// The CPG's drive class as the spec's <c>devType</c> examples spell it (<c>DEVTYPE_SSD</c>, where the pool
    /// schemas say <c>DEVICE_TYPE_SSD</c>).
    /// </summary>
    private static string DevType(StoragePool pool) =>
        pool.DriveType?.Replace("DEVICE_TYPE_", "DEVTYPE_", StringComparison.Ordinal);

    /// <summary>The host groups a volume is exported to, as <c>initiators</c> items.</summary>
    private static List<InitiatorReference> HostGroupReferences(Volume volume) =>
        volume.Exports
            .Select(e => new InitiatorReference(
                e.HostGroupName, e.HostGroupId, ResourceUris.HostGroup(e.HostGroupId), "host-initiator-groups"))
            .ToList();

    private static AccessControlRecord AccessControlRecord(Volume volume, VolumeExport export) => new()
    {
        AccessProtocol = "iscsi",
        AclId = export.Id,
        ApplyTo = export.ApplyTo,
        Id = export.Id,
        InitiatorGroupId = export.InitiatorGroupId,
        InitiatorGroupName = export.HostGroupName,
        Lun = export.Lun,
        VolId = volume.Id,
        VolName = volume.Name,
    };

    private static double UsedPercent(Volume volume) =>
        volume.SizeMiB == 0 ? 0 : Math.Round(100.0 * volume.UsedMiB / volume.SizeMiB, 2);

    /// <summary>Thin savings as DSCC prints them, e.g. <c>2.4:1</c>; none until the host has written data.</summary>
    private static string ThinSavings(Volume volume) =>
        volume.UsedMiB == 0
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"{(double)volume.SizeMiB / volume.UsedMiB:0.0}:1");
}
