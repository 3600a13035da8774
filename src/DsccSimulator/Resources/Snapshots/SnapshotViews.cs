using DsccSimulator.Resources.Common;
using DsccSimulator.Store;

namespace DsccSimulator.Resources.Snapshots;

/// <summary>Builds the spec's snapshot schemas from a <see cref="Snapshot"/> and its parent volume.</summary>
public static class SnapshotViews
{
    private const long BytesPerMiB = 1024 * 1024;

    public static SnapshotsList PrimeraListItem(Snapshot snapshot, Volume parent, FleetStore store) =>
        FillPrimeraCapacity(FillLineage(new SnapshotsList(), snapshot, parent, store), snapshot, parent, store);

    public static SnapshotsListSingle PrimeraDetail(Snapshot snapshot, Volume parent, FleetStore store)
    {
        var detail = FillLineage(new SnapshotsListSingle(), snapshot, parent, store);
        FillPrimeraCapacity(detail, snapshot, parent, store);
        detail.ConsoleUri = ResourceUris.ConsoleSnapshot(snapshot);
        return detail;
    }

    public static ArcusSnapshotsList ArcusListItem(Snapshot snapshot, Volume parent, FleetStore store)
    {
        var item = FillLineage(new ArcusSnapshotsList(), snapshot, parent, store);
        item.SnapshotCapacity = ArcusCapacity(snapshot);
        return item;
    }

    public static ArcusSnapshotsListSingle ArcusDetail(Snapshot snapshot, Volume parent, FleetStore store)
    {
        var detail = FillLineage(new ArcusSnapshotsListSingle(), snapshot, parent, store);
        detail.SnapshotCapacity = ArcusCapacity(snapshot);
        detail.ConsoleUri = ResourceUris.ConsoleSnapshot(snapshot);
        return detail;
    }

    public static NimbleSnapshot NimbleListItem(Snapshot snapshot, Volume parent, FleetStore store) =>
        FillNimble(new NimbleSnapshot(), snapshot, parent, store);

    public static NimbleSnapshotDetails NimbleDetail(
        Snapshot snapshot, Volume parent, FleetStore store, string requestUri)
    {
        var detail = FillNimble(new NimbleSnapshotDetails(), snapshot, parent, store);
        detail.RequestUri = requestUri;
        return detail;
    }

    private static T FillLineage<T>(T target, Snapshot snapshot, Volume parent, FleetStore store)
        where T : PrimeraLineageSnapshotFields
    {
        var pool = store.FindPool(parent.PoolId);

        target.BaseId = parent.VolumeNumber;
        target.Comment = snapshot.Comment ?? "";
        target.CopyOfId = parent.VolumeNumber;
        target.CreationTime = Calendar(snapshot.CreatedAt);
        target.CustomerId = store.CustomerId;
        target.DataReduction = parent.DataReduction ? "Enabled" : "Disabled";
        target.DisplayName = snapshot.Name;
        target.ExpirationTime = snapshot.ExpiresAt is { } expires ? Calendar(expires) : null;
        target.Generation = snapshot.Generation;
        target.Id = snapshot.Id;
        target.Name = snapshot.Name;
        target.ParentId = parent.VolumeNumber;

        // 3PAR shows virtual copies as provisioning type SNP.
        target.ProvType = "SNP";
        target.ReadOnly = snapshot.ReadOnly;
        target.RetentionTime = snapshot.RetainedUntil is { } retained ? Calendar(retained) : null;
        target.SnapshotId = snapshot.Number;
        target.State = new OverallState("STATE_NORMAL", []);
        target.SystemId = snapshot.SystemId;
        target.ThinProvisioned = true;
        target.Type = "snapshot";
        target.UserCpgId = pool.Number;
        target.UserCpgName = pool.Name;
        target.Wwn = snapshot.Wwn;
        return target;
    }

    private static T FillPrimeraCapacity<T>(T target, Snapshot snapshot, Volume parent, FleetStore store)
        where T : SnapshotsList
    {
        // A new snapshot shares every block with its parent, so it occupies no space of its own.
        target.SizeMiB = snapshot.SizeMiB;
        target.SnapshotCpgName = store.FindPool(parent.PoolId).Name;
        target.TotalSpaceMiB = 0;
        target.UsedSizeMiB = 0;
        return target;
    }

    private static ArcusSnapshotCapacity ArcusCapacity(Snapshot snapshot) => new(snapshot.SizeMiB, 0, 0);

    private static T FillNimble<T>(T target, Snapshot snapshot, Volume parent, FleetStore store)
        where T : NimbleSnapshot
    {
        var system = store.FindSystem(snapshot.SystemId);
        var created = snapshot.CreatedAt.ToUnixTimeSeconds();

        target.Id = snapshot.Id;
        target.Name = snapshot.Name;
        target.Online = snapshot.Online;
        target.PoolName = store.FindPool(parent.PoolId).Name;
        target.SerialNumber = snapshot.Wwn;
        target.Size = snapshot.SizeMiB * BytesPerMiB;
        target.TargetName = $"iqn.2007-11.com.nimblestorage:{parent.Name}-v{parent.Id[2..18]}.{snapshot.Number:x8}";
        target.Writable = snapshot.Writable;
        target.AgentType = "none";
        target.AppUuid = snapshot.AppUuid;
        target.AssociatedLinks =
        [
            new AssociatedLink(ResourceUris.PerTypeVolume(parent), "volumes"),
            new AssociatedLink(ResourceUris.PerTypeSystem(system), "storage-systems"),
        ];
        target.ConsoleUri = ResourceUris.ConsoleSnapshot(snapshot);
        target.CreationTime = created;
        target.CustomerId = store.CustomerId;
        target.Description = snapshot.Comment ?? "";
        target.ExpiryAfter = 0;
        target.ExpiryTime = 0;
        target.Generation = snapshot.Generation;
        target.IsManuallyManaged = true;
        target.IsReplica = false;
        target.IsUnmanaged = false;
        target.LastModified = created;
        target.Metadata = snapshot.Metadata.Select(m => new NimbleKeyValue(m.Key, m.Value)).ToList();
        target.OfflineReason = snapshot.Online ? null : "user";
        target.OriginName = system.Name;
        target.ResourceUri = ResourceUris.PerTypeSnapshot(snapshot);
        target.Type = "snapshot";
        target.VolId = parent.Id;
        target.VolName = parent.Name;
        return target;
    }

    private static CalendarTime Calendar(DateTimeOffset at) => new(at.ToUnixTimeMilliseconds(), "UTC");
}
