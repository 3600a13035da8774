using DsccSimulator.Querying;
using DsccSimulator.Store;

namespace DsccSimulator.Resources.Volumes;

/// <summary>
/// Volume list properties that are plain copies of <see cref="Volume"/> fields, so filter and sort on them run on
/// the store (see <see cref="StoreQuery"/>). Names are the JSON names of each list's item schema; a test checks
/// every reader against <see cref="VolumeViews"/> so the two cannot drift apart.
/// </summary>
public static class VolumeStoreFields
{
    public static StoreFieldCatalog AddTo(StoreFieldCatalog catalog) => catalog
        .Add(new StoreFields<Volume>(typeof(FleetVolumeDetailsList), Fleet))
        .Add(new StoreFields<Volume>(typeof(PrimeraVolumeDetailsList), Primera))
        .Add(new StoreFields<Volume>(typeof(ArcusVolumeDetailsList), Lineage))
        .Add(new StoreFields<Volume>(typeof(NimbleVolume), Nimble));

    private static readonly Dictionary<string, Func<Volume, object>> Fleet = new()
    {
        ["id"] = v => v.Id,
        ["name"] = v => v.Name,
        ["systemId"] = v => v.SystemId,
        ["sizeMiB"] = v => v.SizeMiB,
        ["usedSizeMiB"] = v => v.UsedMiB,
        ["hostWrittenCapacityMiB"] = v => v.UsedMiB,
        ["healthState"] = v => v.HealthState,
        ["wwn"] = v => v.Wwn,
        ["generation"] = v => v.Generation,
        ["productFamily"] = v => v.DeviceType.ProductFamily(),
    };

    // Device-type1 and device-type4 share these (PrimeraLineageVolumeFields).
    private static readonly Dictionary<string, Func<Volume, object>> Lineage = new()
    {
        ["id"] = v => v.Id,
        ["name"] = v => v.Name,
        ["displayname"] = v => v.Name,
        ["systemId"] = v => v.SystemId,
        ["wwn"] = v => v.Wwn,
        ["volumeId"] = v => v.VolumeNumber,
        ["generation"] = v => v.Generation,
        ["comment"] = v => v.Comment ?? "",
        ["healthState"] = v => VolumeViews.PrimeraHealthState(v.HealthState),
        ["parentID"] = _ => VolumeViews.BaseVolumeParentId,
    };

    private static readonly Dictionary<string, Func<Volume, object>> Primera = new(Lineage)
    {
        ["sizeMiB"] = v => v.SizeMiB,
        ["usedSizeMiB"] = v => v.UsedMiB,
        ["totalSpaceMiB"] = v => v.UsedMiB,
        ["hostWrittenMiB"] = v => v.UsedMiB,
    };

    private static readonly Dictionary<string, Func<Volume, object>> Nimble = new()
    {
        ["id"] = v => v.Id,
        ["name"] = v => v.Name,
        ["search_name"] = v => v.Name,
        ["size"] = v => v.SizeMiB,
        ["serial_number"] = v => v.SerialNumber,
        ["pool_id"] = v => v.PoolId,
        ["owned_by_group_id"] = v => v.SystemId,
        ["generation"] = v => v.Generation,
        ["description"] = v => v.Comment ?? "",
    };
}
