using System.Globalization;
using System.Text.Json;
using DsccSimulator.Errors;
using DsccSimulator.Querying;
using DsccSimulator.Resources.Common;
using DsccSimulator.Resources.Volumes;
using DsccSimulator.Store;
using DsccSimulator.Tasks;
using DsccSimulator.Validation;

namespace DsccSimulator.Resources.Snapshots;

/// <summary>
/// Snapshots of a volume: <c>GET</c>/<c>POST .../device-typeN/{systemId}/volumes/{volumeId}/snapshots</c> and
/// <c>GET</c>/<c>DELETE .../snapshots/{snapshotId}</c>. Creates and deletes answer 202 with a <c>taskResponse</c>.
/// </summary>
public static class SnapshotEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        MapFamily(api, DeviceType.DeviceType1, SnapshotViews.PrimeraListItem, (s, v, store, _) =>
            SnapshotViews.PrimeraDetail(s, v, store));
        MapFamily(api, DeviceType.DeviceType2, SnapshotViews.NimbleListItem, SnapshotViews.NimbleDetail);
        MapFamily(api, DeviceType.DeviceType4, SnapshotViews.ArcusListItem, (s, v, store, _) =>
            SnapshotViews.ArcusDetail(s, v, store));
    }

    private static void MapFamily<TItem, TDetail>(
        IEndpointRouteBuilder api,
        DeviceType type,
        Func<Snapshot, Volume, FleetStore, TItem> toItem,
        Func<Snapshot, Volume, FleetStore, string, TDetail> toDetail)
    {
        var snapshotsPath = $"/storage-systems/{type.PathSegment()}/{{systemId}}/volumes/{{volumeId}}/snapshots";

        api.MapGet(snapshotsPath, (HttpContext context, FleetStore store, string systemId, string volumeId) =>
        {
            var (_, volume) = VolumeLookup.Require(store, systemId, volumeId, type);
            return Responses.List(context, store.SnapshotsOf(volume.Id), s => toItem(s, volume, store));
        });

        api.MapPost(snapshotsPath,
            (HttpContext context, FleetStore store, TaskRunner runner, string systemId, string volumeId) =>
                CreateAsync(context, store, runner, systemId, volumeId, type));

        api.MapGet(snapshotsPath + "/{snapshotId}",
            (HttpContext context, FleetStore store, string systemId, string volumeId, string snapshotId) =>
            {
                var (volume, snapshot) = Require(store, systemId, volumeId, snapshotId, type);
                return Responses.Item(context, toDetail(snapshot, volume, store, Responses.RequestUri(context)));
            });

        api.MapDelete(snapshotsPath + "/{snapshotId}", (HttpContext context, FleetStore store, TaskRunner runner,
            string systemId, string volumeId, string snapshotId) =>
        {
            var (volume, snapshot) = Require(store, systemId, volumeId, snapshotId, type);
            var force = RequestValues.Flag(context.Request, "force");
            var work = new StoreWork<SnapshotDeletion>(
                $"Deleting snapshot '{snapshot.Name}' of volume '{volume.Name}'",
                () => store.BeginSnapshotDelete(snapshot.SystemId, snapshot.Id, force, runner.Now),
                (deletion, _) =>
                {
                    store.CompleteSnapshotDelete(deletion);
                    return [TaskSubmission.SnapshotResource(deletion.Snapshot)];
                });
            return TaskSubmission.Accepted(
                context, runner, "Delete Snapshot", TaskSubmission.SnapshotResource(snapshot), work);
        });
    }

    /// <summary>The volume and one of its snapshots, or a 404.</summary>
    public static (Volume Volume, Snapshot Snapshot) Require(
        FleetStore store, string systemId, string volumeId, string snapshotId, DeviceType type)
    {
        var (_, volume) = VolumeLookup.Require(store, systemId, volumeId, type);
        var snapshot = store.FindSnapshot(snapshotId) is { } found && found.VolumeId == volume.Id
            ? found
            : throw ApiException.NotFound(
                $"Snapshot not found: volume '{volume.Name}' has no snapshot with id '{snapshotId}'.");
        return (volume, snapshot);
    }

    private static async Task<IResult> CreateAsync(
        HttpContext context,
        FleetStore store,
        TaskRunner runner,
        string systemId,
        string volumeId,
        DeviceType type)
    {
        var (system, volume) = VolumeLookup.Require(store, systemId, volumeId, type);
        var body = RequestBodyValidationMiddleware.BodyOf(context);
        var plan = type.UsesCpgs()
            ? CpgSnapshotPlan(body, system, volume, runner.Now)
            : NimbleSnapshotPlan(body, system, volume);

        var work = new StoreWork<SnapshotTicket>(
            $"Creating snapshot '{plan.Name}' of volume '{volume.Name}' on {system.Name}",
            () => store.BeginSnapshot(plan),
            (ticket, now) => [TaskSubmission.SnapshotResource(store.CompleteSnapshot(ticket, now))]);
        return TaskSubmission.Accepted(
            context, runner, "Create Snapshot", TaskSubmission.VolumeResource(volume), work);
    }

    /// <summary>
    /// <c>volumePost</c> / <c>ArcusvolumePost</c>. The name comes from <c>namePattern</c>, fixed when the request
    /// arrives: <c>PARENT_TIMESTAMP</c> gives <c>vol1.20250106120000</c> (UTC), <c>PARENT_SEC_SINCE_EPOCH</c>
    /// <c>vol1.1736164800</c>, <c>CUSTOM</c> the <c>customName</c> (required then, ignored otherwise).
    /// </summary>
    private static SnapshotPlan CpgSnapshotPlan(
        JsonElement body, StorageSystem system, Volume volume, DateTimeOffset now)
    {
        var culture = CultureInfo.InvariantCulture;
        var pattern = RequestValues.String(body, "namePattern")
            ?? throw ApiException.BadRequest(
                "Property 'namePattern' is required: PARENT_TIMESTAMP, PARENT_SEC_SINCE_EPOCH or CUSTOM.");
        var name = pattern switch
        {
            "PARENT_TIMESTAMP" => volume.Name + "." + now.UtcDateTime.ToString("yyyyMMddHHmmss", culture),
            "PARENT_SEC_SINCE_EPOCH" => string.Create(culture, $"{volume.Name}.{now.ToUnixTimeSeconds()}"),
            _ => RequestValues.Text(body, "customName")
                ?? throw ApiException.BadRequest("Property 'customName' is required with namePattern CUSTOM."),
        };

        var expire = RequestValues.Int64InRange(body, "expireSecs", 1, int.MaxValue);
        var retain = RequestValues.Int64InRange(body, "retainSecs", 1, int.MaxValue);
        if (expire is { } e && retain is { } r && r > e)
        {
            throw ApiException.BadRequest(string.Create(culture,
                $"Property 'retainSecs' ({r}) must not exceed 'expireSecs' ({e}): nothing expires while retained."));
        }

        return new SnapshotPlan
        {
            SystemId = system.Id,
            VolumeId = volume.Id,
            Name = name,
            Comment = RequestValues.String(body, "comment"),
            ReadOnly = RequestValues.Bool(body, "readOnly") ?? false,
            ExpireSeconds = expire,
            RetainSeconds = retain,
        };
    }

    /// <summary><c>NimbleCreateSnapshotInput</c>: name unique per volume; online, writable default false.</summary>
    private static SnapshotPlan NimbleSnapshotPlan(JsonElement body, StorageSystem system, Volume volume)
    {
        var metadata = new List<KeyValuePair<string, string>>();
        if (RequestValues.Element(body, "metadata") is { } items)
        {
            foreach (var item in items.EnumerateArray())
            {
                var key = item.ValueKind == JsonValueKind.Object ? RequestValues.String(item, "key") : null;
                var value = item.ValueKind == JsonValueKind.Object ? RequestValues.String(item, "value") : null;
                if (string.IsNullOrEmpty(key) || string.IsNullOrEmpty(value) || metadata.Exists(m => m.Key == key))
                {
                    throw ApiException.BadRequest(
                        "Property 'metadata' needs unique, non-empty keys, each with a non-empty value.");
                }

                metadata.Add(new KeyValuePair<string, string>(key, value));
            }
        }

        return new SnapshotPlan
        {
            SystemId = system.Id,
            VolumeId = volume.Id,
            Name = RequestValues.NimbleName(RequestValues.RequiredText(body, "name"), "name"),
            Comment = RequestValues.String(body, "description"),
            Online = RequestValues.Bool(body, "online") ?? false,
            Writable = RequestValues.Bool(body, "writable") ?? false,
            AppUuid = RequestValues.String(body, "app_uuid"),
            Metadata = metadata,
        };
    }
}
