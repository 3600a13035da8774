using DsccSimulator.Errors;
using DsccSimulator.Querying;
using DsccSimulator.Resources.Systems;
using DsccSimulator.Store;

namespace DsccSimulator.Resources.VolumeSets;

/// <summary>
/// The generic volume-set views over every family: <c>GET /api/v1/volume-sets[/{id}]</c> (fleetVolumeSetList,
/// fleetVolumeSetDetails) and <c>GET /api/v1/storage-systems/{systemId}/volume-sets[/{id}]</c>
/// (fleetVolumeSetList, fleetSystemVolumeset). All take select; the lists also offset, limit, filter and sort.
/// </summary>
public static class VolumeSetEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/volume-sets", (HttpContext context, FleetStore store) =>
            Responses.List(context, store.SnapshotVolumeSets(), s => VolumeSetViews.GenericItem(s, store)));

        api.MapGet("/volume-sets/{id}", (HttpContext context, FleetStore store, string id) =>
        {
            var set = store.FindVolumeSet(id)
                ?? throw ApiException.NotFound($"Volume set not found: no volume set has id '{id}'.");
            return Responses.Item(context, VolumeSetViews.GenericDetail(set, store));
        });

        api.MapGet("/storage-systems/{systemId}/volume-sets", (
            HttpContext context, FleetStore store, string systemId) =>
        {
            var system = SystemEndpoints.Require(store, systemId);
            return Responses.List(
                context, store.SnapshotVolumeSetsOf(system.Id), s => VolumeSetViews.GenericItem(s, store));
        });

        api.MapGet("/storage-systems/{systemId}/volume-sets/{id}", (
            HttpContext context, FleetStore store, string systemId, string id) =>
        {
            var system = SystemEndpoints.Require(store, systemId);
            var set = RequireOn(store, system, id);
            return Responses.Item(context, VolumeSetViews.SystemDetail(set, store, Responses.RequestUri(context)));
        });
    }

    /// <summary>A set of this system, or the spec's 404.</summary>
    public static VolumeSet RequireOn(FleetStore store, StorageSystem system, string id)
    {
        if (store.FindVolumeSet(id) is { } set && set.SystemId == system.Id)
        {
            return set;
        }

        var noun = system.DeviceType.UsesCpgs() ? "Application set" : "Volume collection";
        throw ApiException.NotFound($"{noun} not found: system {system.Name} has none with id '{id}'.");
    }
}
