using System.Text.Json;
using DsccSimulator.Errors;
using DsccSimulator.Querying;
using DsccSimulator.Resources.Common;
using DsccSimulator.Resources.Systems;
using DsccSimulator.Resources.Volumes;
using DsccSimulator.Store;
using DsccSimulator.Tasks;
using DsccSimulator.Validation;

namespace DsccSimulator.Resources.Exports;

/// <summary>
/// Presenting volumes to fleet host groups. device-type1/4: <c>POST .../volumes/{id}/export</c>
/// (<c>vlunsCreateInput</c>) and <c>/un-export</c> (<c>unExportVlun</c>), VLUN reads and deletes under
/// <c>.../volumes/{volumeId}/vluns</c>. device-type2: <c>POST .../volumes/{volumeId}/export</c> (<c>exportInput</c>)
/// and <c>/un-export</c> (<c>unExportInput</c>), access control records under
/// <c>.../device-type2/{systemId}/access-control-records</c>. Changes are asynchronous (202, <c>taskResponse</c>);
/// an unknown host group id is a 404 at once, since host groups are DSCC's own data rather than the array's.
/// </summary>
public static class ExportEndpoints
{
    private const long MaxNimbleLun = 2047;

    public static void Map(IEndpointRouteBuilder api)
    {
        foreach (var type in new[] { DeviceType.DeviceType1, DeviceType.DeviceType4 })
        {
            MapVluns(api, type);
        }

        MapAccessControlRecords(api);
    }

    private static void MapVluns(IEndpointRouteBuilder api, DeviceType type)
    {
        var volumePath = $"/storage-systems/{type.PathSegment()}/{{systemId}}/volumes/{{volumeId}}";
        var arcus = type == DeviceType.DeviceType4;

        api.MapPost(volumePath + "/export", async (HttpContext context, FleetStore store, TaskRunner runner,
            string systemId, string volumeId) =>
        {
            var (system, volume) = VolumeLookup.Require(store, systemId, volumeId, type);
            var body = RequestBodyValidationMiddleware.BodyOf(context);

            // autoLun, maxAutoLun, noVcn, position and proximity are accepted; LUNs are always picked automatically.
            var plan = new ExportPlan
            {
                SystemId = system.Id,
                VolumeId = volume.Id,
                Requests = HostGroupIds(store, body).Select(g => new ExportRequest(g, null)).ToList(),
                Override = RequestValues.Bool(body, "override") ?? false,
            };
            return SubmitExport(context, store, runner, system, volume, plan);
        });

        api.MapPost(volumePath + "/un-export", async (HttpContext context, FleetStore store, TaskRunner runner,
            string systemId, string volumeId) =>
        {
            var (system, volume) = VolumeLookup.Require(store, systemId, volumeId, type);
            var body = RequestBodyValidationMiddleware.BodyOf(context);
            return SubmitUnexport(context, store, runner, system, volume, HostGroupIds(store, body));
        });

        api.MapGet(volumePath + "/vluns", (HttpContext context, FleetStore store, string systemId, string volumeId) =>
        {
            var (_, volume) = VolumeLookup.Require(store, systemId, volumeId, type);
            return Responses.List(context, volume.Exports, e => ExportViews.VlunListItem(volume, e, store));
        });

        api.MapGet(volumePath + "/vluns/{id}",
            (HttpContext context, FleetStore store, string systemId, string volumeId, string id) =>
            {
                var (volume, vlun) = RequireVlun(store, systemId, volumeId, id, type);
                return Responses.Item(context, ExportViews.VlunDetail(volume, vlun, Responses.RequestUri(context)));
            });

        api.MapDelete(volumePath + "/vluns/{id}", (HttpContext context, FleetStore store, TaskRunner runner,
            string systemId, string volumeId, string id) =>
        {
            var (volume, vlun) = RequireVlun(store, systemId, volumeId, id, type);
            return SubmitRemoval(context, store, runner, volume, vlun, "Delete VLUN");
        });
    }

    private static void MapAccessControlRecords(IEndpointRouteBuilder api)
    {
        var type = DeviceType.DeviceType2;
        var systemPath = $"/storage-systems/{type.PathSegment()}/{{systemId}}";
        var recordsPath = systemPath + "/access-control-records";

        api.MapPost(systemPath + "/volumes/{volumeId}/export", async (HttpContext context, FleetStore store,
            TaskRunner runner, string systemId, string volumeId) =>
        {
            var (system, volume) = VolumeLookup.Require(store, systemId, volumeId, type);
            var body = RequestBodyValidationMiddleware.BodyOf(context);
            var plan = new ExportPlan
            {
                SystemId = system.Id,
                VolumeId = volume.Id,
                Requests = NimbleHostGroups(store, body, withLun: true),
                Override = RequestValues.Bool(body, "force_apply_to") ?? false,
                ApplyTo = RequestValues.String(body, "apply_to"),
            };
            return SubmitExport(context, store, runner, system, volume, plan);
        });

        api.MapPost(systemPath + "/volumes/{volumeId}/un-export", async (HttpContext context, FleetStore store,
            TaskRunner runner, string systemId, string volumeId) =>
        {
            var (system, volume) = VolumeLookup.Require(store, systemId, volumeId, type);
            var body = RequestBodyValidationMiddleware.BodyOf(context);
            var groups = NimbleHostGroups(store, body, withLun: false).Select(r => r.HostGroup).ToList();
            return SubmitUnexport(context, store, runner, system, volume, groups);
        });

        api.MapGet(recordsPath, (HttpContext context, FleetStore store, string systemId) =>
        {
            var system = SystemEndpoints.Require(store, systemId, type);
            var records = store.SnapshotVolumesOf(system.Id)
                .SelectMany(v => v.Exports.Select(e => (Volume: v, Record: e)))
                .ToList();
            return Responses.List(
                context, records, r => ExportViews.AccessControlRecordItem(r.Volume, r.Record, store));
        });

        api.MapGet(recordsPath + "/{recordId}", (HttpContext context, FleetStore store, string systemId,
            string recordId) =>
        {
            var (volume, record) = RequireRecord(store, systemId, recordId);
            var requestUri = Responses.RequestUri(context);
            return Responses.Item(context, ExportViews.AccessControlRecordDetail(volume, record, store, requestUri));
        });

        api.MapDelete(recordsPath + "/{recordId}", (HttpContext context, FleetStore store, TaskRunner runner,
            string systemId, string recordId) =>
        {
            var (volume, record) = RequireRecord(store, systemId, recordId);
            return SubmitRemoval(context, store, runner, volume, record, "Delete Access Control Record");
        });
    }

    private static IResult SubmitExport(
        HttpContext context, FleetStore store, TaskRunner runner, StorageSystem system, Volume volume, ExportPlan plan)
    {
        var names = string.Join(", ", plan.Requests.Select(r => r.HostGroup.Name));
        var work = new StoreWork<ExportTicket>(
            $"Exporting volume '{volume.Name}' on {system.Name} to {names}",
            () => store.BeginExport(plan),
            (ticket, now) => [TaskSubmission.VolumeResource(store.CompleteExport(ticket, now))]);
        return TaskSubmission.Accepted(context, runner, "Export Volume", TaskSubmission.VolumeResource(volume), work);
    }

    private static IResult SubmitUnexport(
        HttpContext context,
        FleetStore store,
        TaskRunner runner,
        StorageSystem system,
        Volume volume,
        IReadOnlyList<HostGroupRef> groups)
    {
        var names = string.Join(", ", groups.Select(g => g.Name));
        var work = new StoreWork<ExportRemoval>(
            $"Un-exporting volume '{volume.Name}' on {system.Name} from {names}",
            () => store.BeginUnexport(system.Id, volume.Id, groups),
            (removal, now) => [TaskSubmission.VolumeResource(store.CompleteExportRemoval(removal, now))]);
        return TaskSubmission.Accepted(
            context, runner, "Unexport Volume", TaskSubmission.VolumeResource(volume), work);
    }

    private static IResult SubmitRemoval(
        HttpContext context, FleetStore store, TaskRunner runner, Volume volume, VolumeExport export, string taskName)
    {
        var work = new StoreWork<ExportRemoval>(
            $"Removing the export of volume '{volume.Name}' to host group '{export.HostGroupName}'",
            () => store.BeginExportRemoval(volume.SystemId, volume.Id, export.Id),
            (removal, now) => [TaskSubmission.VolumeResource(store.CompleteExportRemoval(removal, now))]);
        return TaskSubmission.Accepted(context, runner, taskName, TaskSubmission.VolumeResource(volume), work);
    }

    /// <summary><c>hostGroupIds</c> of <c>vlunsCreateInput</c> / <c>unExportVlun</c>: given, distinct, known.</summary>
    private static List<HostGroupRef> HostGroupIds(FleetStore store, JsonElement body)
    {
        var ids = RequestValues.Element(body, "hostGroupIds") is { } array
            ? array.EnumerateArray().Select(e => e.GetString())
            : [];
        return RequestValues.DistinctIds(ids, "hostGroupIds")
            .Select(id => VolumeLookup.RequireHostGroup(store, id))
            .ToList();
    }

    /// <summary>
    /// <c>host_groups</c> of <c>exportInput</c> / <c>unExportInput</c>: <c>[{host_group_id, lun}]</c>.
    /// </summary>
    private static List<ExportRequest> NimbleHostGroups(FleetStore store, JsonElement body, bool withLun)
    {
        var items = RequestValues.Element(body, "host_groups") is { } array ? array.EnumerateArray().ToList() : [];
        if (items.Exists(i => i.ValueKind != JsonValueKind.Object))
        {
            throw ApiException.BadRequest(
                "Property 'host_groups' must hold objects like {\"host_group_id\": \"...\"}.");
        }

        var ids = RequestValues.DistinctIds(
            items.Select(i => RequestValues.String(i, "host_group_id")), "host_groups[].host_group_id");
        return items
            .Select((item, index) => new ExportRequest(
                VolumeLookup.RequireHostGroup(store, ids[index]),
                withLun ? RequestValues.Int64InRange(item, "lun", 0, MaxNimbleLun) : null))
            .ToList();
    }

    private static (Volume Volume, VolumeExport Vlun) RequireVlun(
        FleetStore store, string systemId, string volumeId, string vlunId, DeviceType type)
    {
        var (_, volume) = VolumeLookup.Require(store, systemId, volumeId, type);
        var vlun = volume.Exports.FirstOrDefault(e => string.Equals(e.Id, vlunId, StringComparison.OrdinalIgnoreCase))
            ?? throw ApiException.NotFound($"VLUN not found: volume '{volume.Name}' has no VLUN with id '{vlunId}'.");
        return (volume, vlun);
    }

    private static (Volume Volume, VolumeExport Record) RequireRecord(FleetStore store, string systemId, string id)
    {
        var system = SystemEndpoints.Require(store, systemId, DeviceType.DeviceType2);
        var (volume, record) = store.FindExport(system.Id, id);
        return record is null
            ? throw ApiException.NotFound(
                $"Access control record not found: system {system.Name} has no record with id '{id}'.")
            : (volume, record);
    }
}
