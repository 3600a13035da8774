using System.Text.Json;
using DsccSimulator.Errors;
using DsccSimulator.Querying;
using DsccSimulator.Resources.Common;
using DsccSimulator.Resources.Systems;
using DsccSimulator.Resources.Volumes;
using DsccSimulator.Store;
using DsccSimulator.Tasks;
using DsccSimulator.Validation;

namespace DsccSimulator.Resources.Clones;

/// <summary>
/// Clones: device-type1/4 <c>POST .../volumes/{id}/clone</c> (<c>createCloneVolumeInput</c>),
/// <c>POST .../snapshots/{snapshotId}/clone</c> (<c>createCloneSnapshotInput</c>) and
/// <c>GET .../volumes/{volumeId}/clones</c>; device-type2 <c>POST .../volumes/{volumeId}/clone</c>
/// (<c>NimbleCloneVolumeInput</c>). Each answers 202 with a <c>taskResponse</c> whose task lists the clone.
/// </summary>
public static class CloneEndpoints
{
    /// <summary>3PAR LUNs run 0..16383, Nimble's 0..2047 (spec: "integer in the range 0 to 2047").</summary>
    private const long MaxCpgLun = 16383;

    private const long MaxNimbleLun = 2047;

    public static void Map(IEndpointRouteBuilder api)
    {
        foreach (var type in new[] { DeviceType.DeviceType1, DeviceType.DeviceType4 })
        {
            var systemPath = $"/storage-systems/{type.PathSegment()}/{{systemId}}";
            var arcus = type == DeviceType.DeviceType4;

            api.MapPost(systemPath + "/volumes/{volumeId}/clone",
                (HttpContext context, FleetStore store, TaskRunner runner, string systemId,
                    string volumeId) => CloneVolumeAsync(context, store, runner, systemId, volumeId, type));

            api.MapPost(systemPath + "/snapshots/{snapshotId}/clone",
                (HttpContext context, FleetStore store, TaskRunner runner, string systemId,
                    string snapshotId) =>
                    CloneSnapshotAsync(context, store, runner, systemId, snapshotId, type));

            api.MapGet(systemPath + "/volumes/{volumeId}/clones",
                (HttpContext context, FleetStore store, string systemId, string volumeId) =>
                {
                    var (system, volume) = VolumeLookup.Require(store, systemId, volumeId, type);
                    var clones = store.SnapshotVolumesOf(system.Id)
                        .Where(v => v.Lineage?.SourceVolumeId == volume.Id)
                        .ToList();
                    return arcus
                        ? Responses.List(context, clones, v => VolumeViews.ArcusListItem(v, store))
                        : Responses.List(context, clones, v => VolumeViews.PrimeraListItem(v, store));
                });
        }

        api.MapPost($"/storage-systems/{DeviceType.DeviceType2.PathSegment()}/{{systemId}}/volumes/{{volumeId}}/clone",
            (HttpContext context, FleetStore store, TaskRunner runner, string systemId,
                string volumeId) => CloneNimbleVolumeAsync(context, store, runner, systemId, volumeId));
    }

    /// <summary>
    /// <c>online</c> (or an <c>onlineClone</c>) makes an online copy into a new volume, in
    /// <c>onlineClone.destinationCpg</c> and optionally exported to <c>onlineClone.hostGroupId</c>. Otherwise it is
    /// an offline copy: into the existing volume <c>destinationVolume</c> with
    /// <c>offlineClone.useExistingVolume</c>, else into a new volume in
    /// <c>offlineClone.createVolume.destinationCpg</c>. The three option properties are one-element arrays, as
    /// v1.4.0 declares them (<see cref="RequestValues.SingleObject"/>).
    /// Without a CPG the clone goes to the source's CPG.
    /// </summary>
    private static async Task<IResult> CloneVolumeAsync(
        HttpContext context,
        FleetStore store,
        TaskRunner runner,
        string systemId,
        string volumeId,
        DeviceType type)
    {
        var (system, volume) = VolumeLookup.Require(store, systemId, volumeId, type);
        var body = RequestBodyValidationMiddleware.BodyOf(context);

        var onlineClone = RequestValues.SingleObject(body, "onlineClone");
        var offlineClone = RequestValues.SingleObject(body, "offlineClone");
        var online = RequestValues.Bool(body, "online") ?? (onlineClone is not null && offlineClone is null);
        if ((online && offlineClone is not null) || (!online && onlineClone is not null))
        {
            throw ApiException.BadRequest(
                "Send 'onlineClone' with online true, or 'offlineClone' with online false, not the other one.");
        }

        var plan = new ClonePlan
        {
            SystemId = system.Id,
            SourceVolumeId = volume.Id,
            Name = RequestValues.RequiredText(body, "destinationVolume"),
        };
        if (onlineClone is { } onlineOptions)
        {
            plan = plan with
            {
                PoolName = RequestValues.Text(onlineOptions, "destinationCpg"),
                Export = ExportOf(store, onlineOptions, "hostGroupId", "lun", MaxCpgLun),
            };
        }
        else if (offlineClone is { } offlineOptions)
        {
            plan = OfflinePlan(plan, offlineOptions);
        }

        var description = $"Cloning volume '{volume.Name}' to '{plan.Name}' on {system.Name}";
        return Submit(context, store, runner, "Clone Volume", description, TaskSubmission.VolumeResource(volume), plan);
    }

    private static async Task<IResult> CloneSnapshotAsync(
        HttpContext context,
        FleetStore store,
        TaskRunner runner,
        string systemId,
        string snapshotId,
        DeviceType type)
    {
        var system = SystemEndpoints.Require(store, systemId, type);
        var snapshot = store.FindSnapshot(snapshotId) is { } found && found.SystemId == system.Id
            ? found
            : throw ApiException.NotFound(
                $"Snapshot not found: system {system.Name} has no snapshot with id '{snapshotId}'.");
        var body = RequestBodyValidationMiddleware.BodyOf(context);

        var plan = new ClonePlan
        {
            SystemId = system.Id,
            SourceSnapshotId = snapshot.Id,
            Name = RequestValues.RequiredText(body, "destinationVolume"),
            PoolName = RequestValues.Text(body, "destinationCpg"),
            Export = ExportOf(store, body, "hostGroupId", "lun", MaxCpgLun),
        };

        var description = $"Cloning snapshot '{snapshot.Name}' to '{plan.Name}' on {system.Name}";
        return Submit(
            context, store, runner, "Clone Snapshot", description, TaskSubmission.SnapshotResource(snapshot), plan);
    }

    /// <summary><c>NimbleCloneVolumeInput</c>: a zero-copy clone in the parent's pool, optionally exported.</summary>
    private static async Task<IResult> CloneNimbleVolumeAsync(
        HttpContext context,
        FleetStore store,
        TaskRunner runner,
        string systemId,
        string volumeId)
    {
        var (system, volume) = VolumeLookup.Require(store, systemId, volumeId, DeviceType.DeviceType2);
        var body = RequestBodyValidationMiddleware.BodyOf(context);

        var plan = new ClonePlan
        {
            SystemId = system.Id,
            SourceVolumeId = volume.Id,
            Name = RequestValues.RequiredText(body, "clone_volume_name"),
            Export = ExportOf(store, body, "host_group_id", "lun", MaxNimbleLun),
        };

        var description = $"Cloning volume '{volume.Name}' to '{plan.Name}' on {system.Name}";
        return Submit(context, store, runner, "Clone Volume", description, TaskSubmission.VolumeResource(volume), plan);
    }

    private static ClonePlan OfflinePlan(ClonePlan plan, JsonElement options)
    {
        var intoExisting = RequestValues.Bool(options, "useExistingVolume") ?? false;
        var createVolume = RequestValues.SingleObject(options, "createVolume", "offlineClone.createVolume");
        if (intoExisting && createVolume is not null)
        {
            throw ApiException.BadRequest(
                "Property 'offlineClone.createVolume' contradicts 'offlineClone.useExistingVolume' true.");
        }

        return plan with
        {
            IntoExistingVolume = intoExisting,
            PoolName = createVolume is { } create ? RequestValues.Text(create, "destinationCpg") : null,
        };
    }

    /// <summary>The host group (404 when unknown) and optional LUN to export a clone to.</summary>
    private static ExportRequest ExportOf(
        FleetStore store, JsonElement body, string hostGroupProperty, string lunProperty, long maxLun)
    {
        var lun = RequestValues.Int64InRange(body, lunProperty, 0, maxLun);
        var hostGroupId = RequestValues.Text(body, hostGroupProperty);
        if (hostGroupId is null)
        {
            return lun is null
                ? null
                : throw ApiException.BadRequest($"Property '{lunProperty}' needs '{hostGroupProperty}'.");
        }

        return new ExportRequest(VolumeLookup.RequireHostGroup(store, hostGroupId), lun);
    }

    private static IResult Submit(
        HttpContext context,
        FleetStore store,
        TaskRunner runner,
        string taskName,
        string description,
        TaskResource source,
        ClonePlan plan)
    {
        var work = new StoreWork<CloneTicket>(
            description,
            () => store.BeginClone(plan),
            (ticket, now) => [TaskSubmission.VolumeResource(store.CompleteClone(ticket, now))]);
        return TaskSubmission.Accepted(context, runner, taskName, source, work);
    }
}
