using DsccSimulator.Errors;
using DsccSimulator.Querying;
using DsccSimulator.Store;

namespace DsccSimulator.Resources.Systems;

/// <summary>
/// <c>GET /api/v1/storage-systems[/{id}]</c> (generic, every family) and
/// <c>GET /api/v1/storage-systems/device-typeN[/{id}]</c> (one family, its own schema).
/// </summary>
public static class SystemEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/storage-systems", (HttpContext context, FleetStore store) =>
            Responses.List(context, store.Systems, system => SystemViews.GenericListItem(system, store)));

        api.MapGet("/storage-systems/{id}", (HttpContext context, FleetStore store, string id) =>
        {
            var detail = SystemViews.GenericDetail(Require(store, id), store, Responses.RequestUri(context));
            return Responses.Item(context, detail);
        });

        MapFamily(api, DeviceType.DeviceType1, SystemViews.PrimeraListItem, SystemViews.PrimeraDetail);
        MapFamily(api, DeviceType.DeviceType2, SystemViews.NimbleListItem, SystemViews.NimbleDetail);
        MapFamily(api, DeviceType.DeviceType4, SystemViews.ArcusListItem, SystemViews.ArcusDetail);
    }

    /// <summary>Looks a system up in any family, or ends the request with the spec's 404.</summary>
    public static StorageSystem Require(FleetStore store, string id) =>
        store.FindSystem(id)
        ?? throw ApiException.NotFound($"Storage system object not found: no system has id '{id}'.");

    /// <summary>Looks a system up within one family: a device-type2 id is unknown under device-type1.</summary>
    public static StorageSystem Require(FleetStore store, string id, DeviceType type) =>
        store.FindSystem(id, type)
        ?? throw ApiException.NotFound(
            $"Storage system object not found: no {type.PathSegment()} system has id '{id}'.");

    private static void MapFamily<TItem, TDetail>(
        IEndpointRouteBuilder api,
        DeviceType type,
        Func<StorageSystem, FleetStore, TItem> toItem,
        Func<StorageSystem, FleetStore, string, TDetail> toDetail)
    {
        var familyPath = "/storage-systems/" + type.PathSegment();

        api.MapGet(familyPath, (HttpContext context, FleetStore store) =>
            Responses.List(context, store.Systems.Where(s => s.DeviceType == type).ToList(), s => toItem(s, store)));

        api.MapGet(familyPath + "/{id}", (HttpContext context, FleetStore store, string id) =>
            Responses.Item(context, toDetail(Require(store, id, type), store, Responses.RequestUri(context))));
    }
}
