using System.Net;
using System.Text.Json;
using DsccSimulator.Auth;
using DsccSimulator.Errors;
using DsccSimulator.Json;
using DsccSimulator.Resources.Common;
using DsccSimulator.Resources.Systems;
using DsccSimulator.Resources.Tasks;
using DsccSimulator.Store;
using DsccSimulator.Tasks;
using DsccSimulator.Validation;

namespace DsccSimulator.Resources.Volumes;

/// <summary>
/// <c>POST /api/v1/storage-systems/device-typeN/{systemId}/volumes</c>: the body arrives checked against the
/// family's request schema (<see cref="RequestBodyValidationMiddleware"/>); this adds the rules the schema cannot
/// express (400), then answers 202 with a <c>taskResponse</c>. Problems only the array can know about (unknown CPG
/// or pool, duplicate name, not enough space) fail the task instead.
/// </summary>
public static class VolumeCreateEndpoints
{
    /// <summary>3PAR caps <c>createvv -cnt</c>; the simulator applies the same sanity limit.</summary>
    public const int MaxCount = 999;

    public static void Map(IEndpointRouteBuilder api)
    {
        foreach (var type in DeviceTypes.All)
        {
            api.MapPost($"/storage-systems/{type.PathSegment()}/{{systemId}}/volumes",
                (HttpContext context, FleetStore store, TaskRunner runner, string systemId) =>
                    Create(context, store, runner, systemId, type));
        }
    }

    private static IResult Create(
        HttpContext context, FleetStore store, TaskRunner runner, string systemId, DeviceType type)
    {
        var system = SystemEndpoints.Require(store, systemId, type);
        var body = RequestBodyValidationMiddleware.BodyOf(context);
        var plan = type.UsesCpgs() ? CpgPlan(body, system) : NimblePlan(body, system);

        var work = new VolumeCreationWork(store, system, plan);
        var source = new TaskResource(system.Name, ResourceUris.PerTypeSystem(system), "storage-system");
        var task = runner.Submit(
            "Create Volume", work.Description, BearerAuthenticationMiddleware.ClientIdOf(context), source, work);

        var accepted = TaskResponse.Submitted(ResourceUris.Task(task.Id));
        return Results.Json(accepted, JsonDefaults.Options, statusCode: (int)HttpStatusCode.Accepted);
    }

    /// <summary>device-type1/4 body (<c>createVolumeInput</c>, <c>ArcuscreateVolumeInput</c>), schema-valid.</summary>
    private static VolumePlan CpgPlan(JsonElement body, StorageSystem system)
    {
        var name = RequireName(body, "name");
        var sizeMib = WholeNumber(body.GetProperty("sizeMib"), "sizeMib");
        if (sizeMib < 1)
        {
            throw ApiException.BadRequest($"Property 'sizeMib' must be at least 1, not {sizeMib}.");
        }

        var count = OptionalInt64(body, "count") ?? 1;
        if (count is < 1 or > MaxCount)
        {
            throw ApiException.BadRequest($"Property 'count' must be between 1 and {MaxCount}, not {count}.");
        }

        // Like createvv -cnt: several volumes get the base name with .0, .1, ... appended.
        IReadOnlyList<string> names = count == 1
            ? [name]
            : Enumerable.Range(0, (int)count).Select(i => $"{name}.{i}").ToList();

        return new VolumePlan
        {
            SystemId = system.Id,
            Names = names,
            SizeMiB = sizeMib,
            PoolName = body.GetProperty("userCpg").GetString(),
            SnapshotPoolName = OptionalString(body, "snapCpg"),
            DataReduction = OptionalBool(body, "dataReduction") ?? false,
            Comment = OptionalString(body, "comments"),
        };
    }

    /// <summary>device-type2 body (<c>NimbleCreateVolumeInput</c>), already schema-valid.</summary>
    private static VolumePlan NimblePlan(JsonElement body, StorageSystem system)
    {
        var name = RequestValues.NimbleName(RequireName(body, "name"), "name");
        var isClone = OptionalBool(body, "clone") ?? false;
        var baseSnapshotId = OptionalString(body, "base_snap_id");
        var size = OptionalInt64(body, "size");

        // The spec marks only name as required, but its description says size is required unless cloning.
        if (isClone && string.IsNullOrEmpty(baseSnapshotId))
        {
            throw ApiException.BadRequest("Property 'base_snap_id' is required when 'clone' is true.");
        }

        if (!isClone && size is null)
        {
            throw ApiException.BadRequest(
                "Property 'size' (MiB) is required unless cloning with 'clone' and 'base_snap_id'.");
        }

        if (size is < 1)
        {
            throw ApiException.BadRequest($"Property 'size' must be at least 1, not {size}.");
        }

        return new VolumePlan
        {
            SystemId = system.Id,
            Names = [name],
            SizeMiB = size ?? 0,
            PoolId = OptionalString(body, "pool_id"),
            BaseSnapshotId = isClone ? baseSnapshotId : null,
            DataReduction = OptionalBool(body, "dedupe_enabled") ?? false,
            Comment = OptionalString(body, "description"),
        };
    }

    private static string RequireName(JsonElement body, string property)
    {
        var name = body.GetProperty(property).GetString();
        return string.IsNullOrWhiteSpace(name)
            ? throw ApiException.BadRequest($"Property '{property}' must not be empty.")
            : name;
    }

    private static string OptionalString(JsonElement body, string property) =>
        body.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static long? OptionalInt64(JsonElement body, string property) =>
        body.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Number
            ? WholeNumber(value, property)
            : null;

    /// <summary>JSON Schema counts 1024.0 and 1e30 as integers; the array takes whole 64-bit numbers only.</summary>
    private static long WholeNumber(JsonElement value, string property) =>
        value.TryGetInt64(out var number)
            ? number
            : throw ApiException.BadRequest(
                $"Property '{property}' must be a whole number in 64-bit range, not {value.GetRawText()}.");

    private static bool? OptionalBool(JsonElement body, string property) =>
        body.TryGetProperty(property, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? value.GetBoolean()
            : null;
}
