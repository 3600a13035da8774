using DsccSimulator.Errors;
using DsccSimulator.Querying;
using DsccSimulator.Resources.Systems;
using DsccSimulator.Store;

namespace DsccSimulator.Resources.Volumes;

/// <summary>
/// Volume reads: the fleet view (<c>/api/v1/volumes</c>, <c>/api/v1/storage-systems/{systemId}/volumes</c>) and
/// the per-family views (<c>/api/v1/storage-systems/device-typeN/{systemId}/volumes[/{id}]</c>), which are where
/// a volume's <c>resourceUri</c> and a create task's <c>associatedResources</c> point.
/// </summary>
public static class VolumeEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/volumes", (HttpContext context, FleetStore store) =>
            Responses.List(context, store.SnapshotVolumes(), v => VolumeViews.FleetListItem(v, store)));

        api.MapGet("/volumes/{id}", (HttpContext context, FleetStore store, string id) =>
            Responses.Item(context, VolumeViews.FleetDetail(Require(store, id), store, Responses.RequestUri(context))));

        api.MapGet("/storage-systems/{systemId}/volumes", (HttpContext context, FleetStore store, string systemId) =>
        {
            var system = SystemEndpoints.Require(store, systemId);
            var volumes = store.SnapshotVolumesOf(system.Id);
            return Responses.List(context, volumes, v => VolumeViews.FleetListItem(v, store));
        });

        MapFamily(api, DeviceType.DeviceType1, VolumeViews.PrimeraListItem, VolumeViews.PrimeraDetail);
        MapFamily(api, DeviceType.DeviceType2, VolumeViews.NimbleListItem, VolumeViews.NimbleDetail);
        MapFamily(api, DeviceType.DeviceType4, VolumeViews.ArcusListItem, VolumeViews.ArcusDetail);
    }

    private static Volume Require(FleetStore store, string id) =>
        store.FindVolume(id) ?? throw ApiException.NotFound($"Volume not found: no volume has id '{id}'.");

    private static void MapFamily<TItem, TDetail>(
        IEndpointRouteBuilder api,
        DeviceType type,
        Func<Volume, FleetStore, TItem> toItem,
        Func<Volume, FleetStore, string, TDetail> toDetail)
    {
        var volumesPath = $"/storage-systems/{type.PathSegment()}/{{systemId}}/volumes";

        api.MapGet(volumesPath, (HttpContext context, FleetStore store, string systemId) =>
        {
            var system = SystemEndpoints.Require(store, systemId, type);
            return Responses.List(context, store.SnapshotVolumesOf(system.Id), v => toItem(v, store));
        });

        api.MapGet(volumesPath + "/{id}", (HttpContext context, FleetStore store, string systemId, string id) =>
        {
            var system = SystemEndpoints.Require(store, systemId, type);
            var volume = store.FindVolume(id) is { } found && found.SystemId == system.Id
                ? found
                : throw ApiException.NotFound($"Volume not found: system {system.Name} has no volume with id '{id}'.");
            return Responses.Item(context, toDetail(volume, store, Responses.RequestUri(context)));
        });
    }
}
