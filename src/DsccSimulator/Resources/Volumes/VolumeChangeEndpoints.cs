using System.Text.Json;
using DsccSimulator.Errors;
using DsccSimulator.Resources.Common;
using DsccSimulator.Store;
using DsccSimulator.Tasks;
using DsccSimulator.Validation;

namespace DsccSimulator.Resources.Volumes;

/// <summary>
/// <c>PUT</c> and <c>DELETE .../device-typeN/{systemId}/volumes/{id}</c>: both answer 202 with a
/// <c>taskResponse</c>; the change shows when the task succeeds. Bodies are checked against <c>volumePut</c>,
/// <c>ArcusvolumePut</c> or <c>NimbleEditVolumeInput</c> (400); refusals only the array can give (name taken, no
/// space, shrink, still exported, has snapshots) fail the task.
/// </summary>
public static class VolumeChangeEndpoints
{
    /// <summary>Nimble QoS bounds from the spec's descriptions of <c>limit_iops</c> and <c>limit_mbps</c>.</summary>
    private const long MaxQosLimit = 4_294_967_294;

    public static void Map(IEndpointRouteBuilder api)
    {
        foreach (var type in DeviceTypes.All)
        {
            var path = $"/storage-systems/{type.PathSegment()}/{{systemId}}/volumes/{{id}}";

            api.MapPut(path,
                (HttpContext context, FleetStore store, TaskRunner runner, string systemId, string id) =>
                    EditAsync(context, store, runner, systemId, id, type));

            api.MapDelete(path,
                (HttpContext context, FleetStore store, TaskRunner runner, string systemId, string id) =>
                    Delete(context, store, runner, systemId, id, type));
        }
    }

    private static async Task<IResult> EditAsync(
        HttpContext context,
        FleetStore store,
        TaskRunner runner,
        string systemId,
        string volumeId,
        DeviceType type)
    {
        var (system, volume) = VolumeLookup.Require(store, systemId, volumeId, type);
        var body = RequestBodyValidationMiddleware.BodyOf(context);
        var plan = type.UsesCpgs() ? CpgEditPlan(body, volume) : NimbleEditPlan(body, volume);

        var work = new StoreWork<VolumeEditTicket>(
            $"Editing volume '{volume.Name}' on {system.Name}",
            () => store.BeginEdit(plan),
            (ticket, now) => [TaskSubmission.VolumeResource(store.CompleteEdit(ticket, now))]);
        return TaskSubmission.Accepted(context, runner, "Edit Volume", TaskSubmission.VolumeResource(volume), work);
    }

    private static IResult Delete(
        HttpContext context, FleetStore store, TaskRunner runner, string systemId, string volumeId, DeviceType type)
    {
        var (system, volume) = VolumeLookup.Require(store, systemId, volumeId, type);
        var request = context.Request;
        var plan = type.UsesCpgs()
            ? new VolumeDeletePlan
            {
                SystemId = system.Id,
                VolumeId = volume.Id,
                UnExport = RequestValues.Flag(request, "unExport"),
                Cascade = RequestValues.Flag(request, "cascade"),
            }
            : new VolumeDeletePlan
            {
                SystemId = system.Id,
                VolumeId = volume.Id,
                Offline = RequestValues.Flag(request, "offline"),
                Force = RequestValues.Flag(request, "force"),
            };

        var work = new StoreWork<VolumeDeletion>(
            $"Deleting volume '{volume.Name}' from {system.Name}",
            () => store.BeginDelete(plan, runner.Now),
            (deletion, _) =>
            {
                store.CompleteDelete(deletion);
                return [TaskSubmission.VolumeResource(deletion.Volume)];
            });
        return TaskSubmission.Accepted(context, runner, "Delete Volume", TaskSubmission.VolumeResource(volume), work);
    }

    /// <summary><c>volumePut</c> / <c>ArcusvolumePut</c>.</summary>
    private static VolumeEditPlan CpgEditPlan(JsonElement body, Volume volume)
    {
        var dataReduction = RequestValues.Bool(body, "dataReduction");
        if (RequestValues.String(body, "conversionType") is { } conversion)
        {
            // Deprecated in favour of dataReduction; Primera and Alletra MP volumes are thin (TPVV) or reduced (DDS).
            var reduces = conversion switch
            {
                "CONVERSIONTYPE_THIN" => false,
                "CONVERSIONTYPE_DDS" => true,
                _ => throw ApiException.BadRequest(
                    $"conversionType {conversion} is not supported on this array; use dataReduction instead."),
            };
            if (dataReduction is { } explicitValue && explicitValue != reduces)
            {
                throw ApiException.BadRequest("Properties 'conversionType' and 'dataReduction' contradict each other.");
            }

            dataReduction = reduces;
        }

        var userWarning = RequestValues.Int64InRange(body, "userAllocWarning", 0, 100);
        var snapshotWarning = RequestValues.Int64InRange(body, "snapshotAllocWarning", 0, 100);
        var plan = new VolumeEditPlan
        {
            SystemId = volume.SystemId,
            VolumeId = volume.Id,
            Name = RequestValues.Text(body, "name"),
            SizeMiB = RequestValues.WholeMiB(body, "sizeMib"),
            PoolName = RequestValues.Text(body, "userCpgName"),
            DataReduction = dataReduction,
            Settings = s => s with
            {
                UserAllocWarning = userWarning ?? s.UserAllocWarning,
                SnapshotAllocWarning = snapshotWarning ?? s.SnapshotAllocWarning,
            },
        };

        object[] changes = [plan.Name, plan.SizeMiB, plan.PoolName, plan.DataReduction, userWarning, snapshotWarning];
        return changes.All(c => c is null) ? throw NothingToChange() : plan;
    }

    /// <summary><c>NimbleEditVolumeInput</c>; snake_case, size in MiB.</summary>
    private static VolumeEditPlan NimbleEditPlan(JsonElement body, Volume volume)
    {
        var size = RequestValues.Int64InRange(body, "size", 1, long.MaxValue);
        var online = RequestValues.Bool(body, "online");
        var caching = RequestValues.Bool(body, "caching_enabled");
        var limit = RequestValues.Int64InRange(body, "limit", 0, 100);
        var iops = RequestValues.Int64InRange(body, "limit_iops", 256, MaxQosLimit, -1);
        var mbps = RequestValues.Int64InRange(body, "limit_mbps", 1, MaxQosLimit, -1);
        var appUuid = RequestValues.String(body, "app_uuid");
        var references = new List<(string Kind, string Id)>();
        AddReference(references, body, "folder_id", "folder");
        AddReference(references, body, "perfpolicy_id", "performance policy");
        AddReference(references, body, "owned_by_group_id", "group");

        var plan = new VolumeEditPlan
        {
            SystemId = volume.SystemId,
            VolumeId = volume.Id,
            Name = RequestValues.NimbleName(RequestValues.Text(body, "name"), "name"),
            SizeMiB = size,
            AllowShrink = RequestValues.Bool(body, "force") ?? false,
            DataReduction = RequestValues.Bool(body, "dedupe_enabled"),
            Comment = RequestValues.String(body, "description"),
            Settings = s => s with
            {
                Online = online ?? s.Online,
                CachingEnabled = caching ?? s.CachingEnabled,
                LimitPercent = limit ?? s.LimitPercent,
                LimitIops = iops ?? s.LimitIops,
                LimitMbps = mbps ?? s.LimitMbps,
                AppUuid = appUuid ?? s.AppUuid,
            },
            References = references,
        };

        object[] changes =
            [plan.Name, size, plan.DataReduction, plan.Comment, online, caching, limit, iops, mbps, appUuid];
        return changes.All(c => c is null) && references.Count == 0 ? throw NothingToChange() : plan;
    }

    private static void AddReference(
        List<(string Kind, string Id)> references, JsonElement body, string property, string kind)
    {
        if (RequestValues.String(body, property) is { } id)
        {
            references.Add((kind, id));
        }
    }

    private static ApiException NothingToChange() =>
        ApiException.BadRequest("The request changes nothing: give at least one property to edit.");
}
