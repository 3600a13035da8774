using DsccSimulator.Errors;
using DsccSimulator.Querying;
using DsccSimulator.Resources.Systems;
using DsccSimulator.Store;

namespace DsccSimulator.Resources.Pools;

/// <summary>
/// Pools and CPGs: the fleet view <c>GET /api/v1/storage-systems/{systemId}/storage-pools</c> (StoragePoolsList)
/// and the per-family views <c>GET .../device-typeN/{systemId}/storage-pools[/{id}]</c>, which carry free
/// capacity and are where a pool's <c>resourceUri</c> points.
/// </summary>
public static class PoolEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/storage-systems/{systemId}/storage-pools", (
            HttpContext context, FleetStore store, string systemId) =>
        {
            var system = SystemEndpoints.Require(store, systemId);
            return Responses.List(context, store.PoolsOf(system.Id), pool => PoolViews.FleetItem(pool, store));
        });

        MapFamily(api, DeviceType.DeviceType1, PoolViews.PrimeraListItem, PoolViews.PrimeraDetail);
        MapFamily(api, DeviceType.DeviceType2, PoolViews.NimbleListItem, PoolViews.NimbleDetail);
        MapFamily(api, DeviceType.DeviceType4, PoolViews.PrimeraListItem, PoolViews.PrimeraDetail);
    }

    private static void MapFamily<TItem, TDetail>(
        IEndpointRouteBuilder api,
        DeviceType type,
        Func<StoragePool, FleetStore, TItem> toItem,
        Func<StoragePool, FleetStore, string, TDetail> toDetail)
    {
        var poolsPath = $"/storage-systems/{type.PathSegment()}/{{systemId}}/storage-pools";

        api.MapGet(poolsPath, (HttpContext context, FleetStore store, string systemId) =>
        {
            var system = SystemEndpoints.Require(store, systemId, type);
            return Responses.List(context, store.PoolsOf(system.Id), pool => toItem(pool, store));
        });

        api.MapGet(poolsPath + "/{id}", (HttpContext context, FleetStore store, string systemId, string id) =>
        {
            var system = SystemEndpoints.Require(store, systemId, type);
            var pool = store.FindPool(id) is { } found && found.SystemId == system.Id
                ? found
                : throw ApiException.NotFound(
                    $"Storage pool not found: system {system.Name} has no pool with id '{id}'.");
            return Responses.Item(context, toDetail(pool, store, Responses.RequestUri(context)));
        });
    }
}
