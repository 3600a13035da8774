using DsccSimulator.Querying;
using DsccSimulator.Resources.Common;
using DsccSimulator.Resources.Systems;
using DsccSimulator.Store;
using DsccSimulator.Tasks;
using DsccSimulator.Validation;

namespace DsccSimulator.Resources.VolumeSets;

/// <summary>
/// Application sets, <c>/api/v1/storage-systems/device-type1|4/{systemId}/applicationsets</c>: list
/// (PrimeraApplicationSetsList / ArcusApplicationSetsList) and get (...ApplicationSetDetails) with offset, limit,
/// filter, sort and select; create (createAppSetInput / ArcuscreateAppSetInput), edit (volumeSetPut /
/// ArcusvolumeSetPut with addMembers, removeMembers) and delete, all asynchronous (202 taskResponse).
/// </summary>
public static class ApplicationSetEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        MapFamily<PrimeraApplicationSets, PrimeraApplicationSetDetails>(api, DeviceType.DeviceType1);
        MapFamily<ArcusApplicationSets, ArcusApplicationSetDetails>(api, DeviceType.DeviceType4);
    }

    private static void MapFamily<TItem, TDetail>(IEndpointRouteBuilder api, DeviceType type)
        where TItem : ApplicationSetFields, new()
        where TDetail : ApplicationSetDetailFields, new()
    {
        var setsPath = $"/storage-systems/{type.PathSegment()}/{{systemId}}/applicationsets";

        api.MapGet(setsPath, (HttpContext context, FleetStore store, string systemId) =>
        {
            var system = SystemEndpoints.Require(store, systemId, type);
            return Responses.List(
                context,
                store.SnapshotVolumeSetsOf(system.Id),
                s => VolumeSetViews.ApplicationSetItem<TItem>(s, store));
        });

        api.MapGet(setsPath + "/{id}", (HttpContext context, FleetStore store, string systemId, string id) =>
        {
            var system = SystemEndpoints.Require(store, systemId, type);
            var set = VolumeSetEndpoints.RequireOn(store, system, id);
            return Responses.Item(
                context, VolumeSetViews.ApplicationSetDetail<TDetail>(set, store, Responses.RequestUri(context)));
        });

        api.MapPost(setsPath, async (
            HttpContext context, FleetStore store, TaskRunner runner, string systemId) =>
        {
            var system = SystemEndpoints.Require(store, systemId, type);
            var body = RequestBodyValidationMiddleware.BodyOf(context);
            var work = new VolumeSetCreateWork(store, system, VolumeSetRequests.CreateAppSet(body, system.Id));
            return AsyncWrites.Submit(context, runner, "Create Application Set", Source(system), work);
        });

        api.MapPut(setsPath + "/{id}", async (
            HttpContext context, FleetStore store, TaskRunner runner, string systemId,
            string id) =>
        {
            var system = SystemEndpoints.Require(store, systemId, type);
            var set = VolumeSetEndpoints.RequireOn(store, system, id);
            var body = RequestBodyValidationMiddleware.BodyOf(context);
            var work = new VolumeSetEditWork(store, system, set, VolumeSetRequests.EditAppSet(body, system.Id));
            return AsyncWrites.Submit(context, runner, "Edit Application Set", Source(system), work);
        });

        api.MapDelete(setsPath + "/{id}", (
            HttpContext context, FleetStore store, TaskRunner runner, string systemId, string id) =>
        {
            var system = SystemEndpoints.Require(store, systemId, type);
            var set = VolumeSetEndpoints.RequireOn(store, system, id);
            var work = new VolumeSetDeleteWork(store, system, set);
            return AsyncWrites.Submit(context, runner, "Delete Application Set", Source(system), work);
        });
    }

    public static TaskResource Source(StorageSystem system) =>
        new(system.Name, ResourceUris.PerTypeSystem(system), "storage-system");
}
