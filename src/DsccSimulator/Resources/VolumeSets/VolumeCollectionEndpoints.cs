using DsccSimulator.Querying;
using DsccSimulator.Resources.Common;
using DsccSimulator.Resources.Systems;
using DsccSimulator.Store;
using DsccSimulator.Tasks;
using DsccSimulator.Validation;

namespace DsccSimulator.Resources.VolumeSets;

/// <summary>
/// Volume collections, <c>/api/v1/storage-systems/device-type2/{systemId}/volume-collections</c>: list
/// (NimbleVolumeCollectionList) and get (NimbleVCollectionDetailsWithRequestUri) with offset, limit, filter, sort
/// and select; create (NimbleCreateVolumeCollectionInput, members in <c>volume_list</c>), edit
/// (NimbleEditVolumeCollectionInput, no members), delete, and the <c>actions/add-volumes</c> and
/// <c>actions/remove-volumes</c> member changes, all asynchronous (202 taskResponse).
/// </summary>
public static class VolumeCollectionEndpoints
{
    private const string CollectionsPath = "/storage-systems/device-type2/{systemId}/volume-collections";

    private const string CollectionPath = CollectionsPath + "/{volumeCollectionId}";

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet(CollectionsPath, (HttpContext context, FleetStore store, string systemId) =>
        {
            var system = RequireSystem(store, systemId);
            return Responses.List(context, store.SnapshotVolumeSetsOf(system.Id),
                s => VolumeSetViews.VolumeCollection<NimbleVolumeCollection>(s, store));
        });

        api.MapGet(CollectionPath, (
            HttpContext context, FleetStore store, string systemId, string volumeCollectionId) =>
        {
            var set = VolumeSetEndpoints.RequireOn(store, RequireSystem(store, systemId), volumeCollectionId);
            return Responses.Item(
                context, VolumeSetViews.VolumeCollectionDetail(set, store, Responses.RequestUri(context)));
        });

        api.MapPost(CollectionsPath, async (
            HttpContext context, FleetStore store, TaskRunner runner, string systemId) =>
        {
            var system = RequireSystem(store, systemId);
            var body = RequestBodyValidationMiddleware.BodyOf(context);
            var plan = VolumeSetRequests.CreateVolumeCollection(body, system.Id);
            var work = new VolumeSetCreateWork(store, system, plan);
            return AsyncWrites.Submit(
                context, runner, "Create Volume Collection", ApplicationSetEndpoints.Source(system), work);
        });

        api.MapPut(CollectionPath, async (
            HttpContext context, FleetStore store, TaskRunner runner, string systemId,
            string volumeCollectionId) =>
        {
            var system = RequireSystem(store, systemId);
            var set = VolumeSetEndpoints.RequireOn(store, system, volumeCollectionId);
            var body = RequestBodyValidationMiddleware.BodyOf(context);
            var plan = VolumeSetRequests.EditVolumeCollection(body, system.Id);
            var work = new VolumeSetEditWork(store, system, set, plan);
            return AsyncWrites.Submit(
                context, runner, "Edit Volume Collection", ApplicationSetEndpoints.Source(system), work);
        });

        api.MapDelete(CollectionPath, (
            HttpContext context, FleetStore store, TaskRunner runner, string systemId, string volumeCollectionId) =>
        {
            var system = RequireSystem(store, systemId);
            var set = VolumeSetEndpoints.RequireOn(store, system, volumeCollectionId);

            // The spec's force flag takes a collection out of replication first; none is simulated, so a
            // delete always works and force only has to be a valid boolean.
            AsyncWrites.Flag(context.Request, "force");
            var work = new VolumeSetDeleteWork(store, system, set);
            return AsyncWrites.Submit(
                context, runner, "Delete Volume Collection", ApplicationSetEndpoints.Source(system), work);
        });

        MapMemberAction(
            api, "add-volumes", "Add Volumes To Volume Collection",
            (ids, systemId) => new VolumeSetPlan { SystemId = systemId, AddMembers = ids });
        MapMemberAction(api, "remove-volumes", "Remove Volumes From Volume Collection",
            (ids, systemId) => new VolumeSetPlan { SystemId = systemId, RemoveMembers = ids });
    }

    private static void MapMemberAction(
        IEndpointRouteBuilder api,
        string action,
        string taskName,
        Func<IReadOnlyList<string>, string, VolumeSetPlan> toPlan)
    {
        api.MapPost(CollectionPath + "/actions/" + action, async (
            HttpContext context, FleetStore store, TaskRunner runner, string systemId,
            string volumeCollectionId) =>
        {
            var system = RequireSystem(store, systemId);
            var set = VolumeSetEndpoints.RequireOn(store, system, volumeCollectionId);
            var body = RequestBodyValidationMiddleware.BodyOf(context);
            var work = new VolumeSetEditWork(store, system, set, toPlan(VolumeSetRequests.VolumeIds(body), system.Id));
            return AsyncWrites.Submit(context, runner, taskName, ApplicationSetEndpoints.Source(system), work);
        });
    }

    private static StorageSystem RequireSystem(FleetStore store, string systemId) =>
        SystemEndpoints.Require(store, systemId, DeviceType.DeviceType2);
}
