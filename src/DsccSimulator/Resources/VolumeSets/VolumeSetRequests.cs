using System.Text.Json;
using System.Text.RegularExpressions;
using DsccSimulator.Errors;
using DsccSimulator.Store;
using static DsccSimulator.Resources.Common.JsonBodyFields;

namespace DsccSimulator.Resources.VolumeSets;

/// <summary>
/// Turns schema-valid application-set and volume-collection bodies into <see cref="VolumeSetPlan"/>s, with the
/// checks the schema cannot express (400). Which volumes exist and where they belong is checked at task start.
/// </summary>
public static partial class VolumeSetRequests
{
    private static readonly string[] AppSyncValues = ["none", "vss", "vmware", "generic"];

    private static readonly string[] ReplicationTypes = ["periodic_snapshot", "synchronous"];

    /// <summary><c>createAppSetInput</c> / <c>ArcuscreateAppSetInput</c>.</summary>
    public static VolumeSetPlan CreateAppSet(JsonElement body, string systemId)
    {
        var plan = AppSetFields(body, systemId, "appSetName") with
        {
            AddMembers = Strings(body, "members", "") ?? [],
        };
        return plan.Name is null || plan.AppType is null
            ? throw ApiException.BadRequest("Properties 'appSetName' and 'appSetType' are required.")
            : plan;
    }

    /// <summary><c>volumeSetPut</c> / <c>ArcusvolumeSetPut</c>.</summary>
    public static VolumeSetPlan EditAppSet(JsonElement body, string systemId) =>
        AppSetFields(body, systemId, "appSetName") with
        {
            AddMembers = Strings(body, "addMembers", "") ?? [],
            RemoveMembers = Strings(body, "removeMembers", "") ?? [],
        };

    /// <summary><c>NimbleCreateVolumeCollectionInput</c>.</summary>
    public static VolumeSetPlan CreateVolumeCollection(JsonElement body, string systemId) => new()
    {
        SystemId = systemId,
        Name = NimbleName(body) ?? throw ApiException.BadRequest("Property 'name' is required."),
        AddMembers = Strings(body, "volume_list", "") ?? [],
        Collection = CollectionSettings(body) with
        {
            ReplicationType = OneOf(body, "replication_type", ReplicationTypes),
            IsStandalone = Bool(body, "is_standalone_volcoll"),
            ProtectionTemplateId = String(body, "prottmpl_id"),
            Metadata = Metadata(body),
        },
    };

    /// <summary><c>NimbleEditVolumeCollectionInput</c>.</summary>
    public static VolumeSetPlan EditVolumeCollection(JsonElement body, string systemId) => new()
    {
        SystemId = systemId,
        Name = NimbleName(body),
        Collection = CollectionSettings(body),
    };

    /// <summary>
    /// <c>NimbleAddVolumeToVolumeCollectionInput</c> / <c>NimbleRemoveVolumeFromVolumeCollectionInput</c>: the spec
    /// gives these no <c>type</c>, so the schema check lets anything through; here <c>volume_ids</c> must be a
    /// non-empty list of ids.
    /// </summary>
    public static IReadOnlyList<string> VolumeIds(JsonElement body)
    {
        var ids = Strings(body, "volume_ids", "");
        return ids is { Count: > 0 }
            ? ids
            : throw ApiException.BadRequest("Property 'volume_ids' must list at least one volume id.");
    }

    private static VolumeSetPlan AppSetFields(JsonElement body, string systemId, string nameProperty)
    {
        var appSetType = AppSetType(body);
        var customAppType = NonBlank(body, "customAppType", "");
        if (string.Equals(appSetType, "CUSTOM", StringComparison.OrdinalIgnoreCase) && customAppType is null)
        {
            throw ApiException.BadRequest("Property 'customAppType' is required when 'appSetType' is CUSTOM.");
        }

        return new VolumeSetPlan
        {
            SystemId = systemId,
            Name = NonBlank(body, nameProperty, ""),
            AppType = appSetType,
            CustomAppType = customAppType,
            Importance = String(body, "appSetImportance"),
            BusinessUnit = String(body, "appSetBusinessUnit"),
            Comment = String(body, "appSetComments"),
        };
    }

    /// <summary>
    /// <c>appSetType</c> is <c>anyOf</c> a free string (vsAppSetType) and an enum, so any non-blank string fits; the
    /// schema check does not look into <c>anyOf</c>, hence the type check here.
    /// </summary>
    private static string AppSetType(JsonElement body)
    {
        if (!body.TryGetProperty("appSetType", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString())
            ? value.GetString().Trim()
            : throw ApiException.BadRequest("Property 'appSetType' must be a non-empty string such as ORACLE_DATA.");
    }

    private static VolumeCollectionSettings CollectionSettings(JsonElement body)
    {
        var description = String(body, "description");
        if (description is { Length: > 255 })
        {
            throw ApiException.BadRequest("Property 'description' must be at most 255 characters.");
        }

        return new VolumeCollectionSettings
        {
            Description = description,
            AppSync = OneOf(body, "app_sync", AppSyncValues),
            AppServer = String(body, "app_server"),
            AppId = String(body, "app_id"),
            AppClusterName = String(body, "app_cluster_name"),
            AppServiceName = String(body, "app_service_name"),
            VcenterHostname = String(body, "vcenter_hostname"),
            VcenterUsername = String(body, "vcenter_username"),
            AgentHostname = String(body, "agent_hostname"),
            AgentUsername = String(body, "agent_username"),
        };
    }

    /// <summary>The spec: "up to 64 alphanumeric characters, - and . and : are allowed after first".</summary>
    private static string NimbleName(JsonElement body)
    {
        var name = String(body, "name");
        return name is null || NimbleObjectName().IsMatch(name)
            ? name
            : throw ApiException.BadRequest($"Property 'name' ('{name}') must be 1-64 letters or digits; '-', '.' "
                + "and ':' are allowed after the first character.");
    }

    private static string OneOf(JsonElement body, string property, string[] allowed)
    {
        var value = String(body, property);
        return value is null || allowed.Contains(value)
            ? value
            : throw ApiException.BadRequest(
                $"Property '{property}' must be one of {string.Join(", ", allowed)}, not '{value}'.");
    }

    private static IReadOnlyList<KeyValuePair<string, string>> Metadata(JsonElement body) =>
        body.TryGetProperty("metadata", out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray()
                .Where(e => e.ValueKind == JsonValueKind.Object)
                .Select(e => KeyValuePair.Create(String(e, "key"), String(e, "value")))
                .ToList()
            : null;

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9.:-]{0,63}$")]
    private static partial Regex NimbleObjectName();
}
