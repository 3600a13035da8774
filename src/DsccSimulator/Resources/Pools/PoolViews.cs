using DsccSimulator.Resources.Common;
using DsccSimulator.Store;

namespace DsccSimulator.Resources.Pools;

/// <summary>Builds the spec's pool schemas from a <see cref="StoragePool"/>.</summary>
public static class PoolViews
{
    private const long BytesPerMiB = 1024 * 1024;

    public static FleetPoolList FleetItem(StoragePool pool, FleetStore store) => new()
    {
        CapacityUsed = pool.UsedMiB,
        CustomerId = store.CustomerId,
        Generation = pool.Generation,
        Id = pool.Id,
        Name = pool.Name,
        ResourceUri = ResourceUris.PerTypePool(pool),
        SystemId = pool.SystemId,
        Type = "storage-pool",
    };

    public static PrimeraPoolList PrimeraListItem(StoragePool pool, FleetStore store) =>
        FillPrimera(new PrimeraPoolList(), pool, store);

    /// <summary>The spec's CPG detail has no <c>requestUri</c>, so the third argument is ignored.</summary>
    public static PrimeraPoolDetails PrimeraDetail(StoragePool pool, FleetStore store, string _)
    {
        var detail = FillPrimera(new PrimeraPoolDetails(), pool, store);
        detail.AssociatedLinks =
        [
            new AssociatedLink(ResourceUris.PerTypeSystem(store.FindSystem(pool.SystemId)), "systems"),
            new AssociatedLink(ResourceUris.PerTypeSystem(store.FindSystem(pool.SystemId)) + "/volumes", "volumes"),
        ];
        return detail;
    }

    public static NimblePoolDetails NimbleListItem(StoragePool pool, FleetStore store) =>
        FillNimble(new NimblePoolDetails(), pool, store);

    public static NimblePoolDetailsWithRequestUri NimbleDetail(StoragePool pool, FleetStore store, string requestUri)
    {
        var detail = FillNimble(new NimblePoolDetailsWithRequestUri(), pool, store);
        detail.RequestUri = requestUri;
        return detail;
    }

    private static T FillPrimera<T>(T target, StoragePool pool, FleetStore store)
        where T : PrimeraPoolList
    {
        target.AllocationSettings = new PoolAllocation(pool.RaidType, pool.DriveType, pool.SetSize);
        target.CustomerId = store.CustomerId;
        target.DisplayName = "CPG " + pool.Name;
        target.FreeSizeMiB = pool.FreeMiB;
        target.Generation = pool.Generation;
        target.Id = pool.Id;
        target.Name = pool.Name;
        target.NumberOfTdvv = pool.ReducedVolumeCount;
        target.NumberOfTpvv = pool.VolumeCount - pool.ReducedVolumeCount;
        target.OverProvRatio = pool.TotalMiB == 0 ? 0 : Math.Round((double)pool.ProvisionedMiB / pool.TotalMiB, 2);
        target.ResourceUri = ResourceUris.PerTypePool(pool);
        target.State = new OverallState("STATE_NORMAL", []);
        target.StoragePoolId = pool.Number;
        target.SystemId = pool.SystemId;
        target.TotalReservedMiB = pool.UsedMiB;
        target.TotalSizeMiB = pool.TotalMiB;
        target.Type = "storage-pool";
        target.WarnPercent = 85;
        return target;
    }

    private static T FillNimble<T>(T target, StoragePool pool, FleetStore store)
        where T : NimblePoolDetails
    {
        var created = SeedData.SeedEpoch.AddDays(-60).ToUnixTimeSeconds();

        target.Id = pool.Id;
        target.Name = pool.Name;
        target.AllFlash = true;
        target.ArrayCount = 1;
        target.Capacity = pool.TotalMiB * BytesPerMiB;
        target.CompressionRatio = 1.8;
        target.ConsoleUri = ResourceUris.ConsoleSystem(store.FindSystem(pool.SystemId)) + "/storage-pools/" + pool.Id;
        target.CreationTime = created;
        target.CustomerId = store.CustomerId;
        target.DedupeCapable = true;
        target.Description = pool.IsDefault ? "Default pool" : "";
        target.FreeSpace = pool.FreeMiB * BytesPerMiB;
        target.FullName = pool.Name;
        target.Generation = pool.Generation;
        target.IsDefault = pool.IsDefault;
        target.LastModified = created;
        target.ResourceUri = ResourceUris.PerTypePool(pool);
        target.SnapCount = 0;
        target.Type = "storage-pool";
        target.Usage = pool.UsedMiB * BytesPerMiB;
        target.UsageValid = true;
        target.VolCount = pool.VolumeCount;
        return target;
    }
}
