using System.Text.Json.Serialization;
using DsccSimulator.Json;
using DsccSimulator.Resources.Common;

namespace DsccSimulator.Resources.VolumeSets;

/// <summary>Spec schema <c>fleetVolumeSetDetails</c>: <c>GET /api/v1/volume-sets/{id}</c>.</summary>
public class FleetVolumeSetDetails
{
    public string AppType { get; set; }

    public string Application { get; set; }

    public IReadOnlyList<AssociatedLink> AssociatedLinks { get; set; }

    public string CustomerId { get; set; }

    public long Generation { get; set; }

    public string Id { get; set; }

    public string Name { get; set; }

    public string ProductFamily { get; set; }

    /// <summary>The per-type URI (application set or volume collection), as volumes do it.</summary>
    public string ResourceUri { get; set; }

    public string SystemId { get; set; }

    public string Type { get; set; }
}

/// <summary>Spec schema <c>fleetVolumeset</c>: items of <c>fleetVolumeSetList</c>; <c>members</c> are names.</summary>
public sealed class FleetVolumeset : FleetVolumeSetDetails
{
    public IReadOnlyList<string> Members { get; set; }
}

/// <summary>Spec schema <c>fleetSystemVolumeset</c>: <c>GET /api/v1/storage-systems/{systemId}/volume-sets/{id}</c>.
/// </summary>
public sealed class FleetSystemVolumeset
{
    public string AppType { get; set; }

    public IReadOnlyList<AssociatedLink> AssociatedLinks { get; set; }

    public string ConsoleUri { get; set; }

    public string CustomerId { get; set; }

    public long Generation { get; set; }

    public string Id { get; set; }

    public string Name { get; set; }

    public string ProductFamily { get; set; }

    public string RequestUri { get; set; }

    public string ResourceUri { get; set; }

    public string SystemId { get; set; }

    public string Type { get; set; }

    public int VolumesCount { get; set; }
}

/// <summary>
/// Properties of <c>PrimeraApplicationSets</c> and <c>ArcusApplicationSets</c> (identical in the spec): one item
/// of <c>GET .../device-type1|4/{systemId}/applicationsets</c>. <c>members</c> are volume names.
/// </summary>
public abstract class ApplicationSetFields
{
    public string AppSetBusinessUnit { get; set; }

    public string AppSetComments { get; set; }

    public string AppSetExcludeAIQoS { get; set; }

    public int AppSetId { get; set; }

    public string AppSetImportance { get; set; }

    public string AppSetName { get; set; }

    /// <summary>Display name of the type, e.g. "Oracle Database" for ORACLE_DATA.</summary>
    public string AppSetType { get; set; }

    public IReadOnlyList<AssociatedLink> AssociatedLinks { get; set; }

    public string Comment { get; set; }

    public string CustomerId { get; set; }

    public string DisplayName { get; set; }

    public long Generation { get; set; }

    public string Id { get; set; }

    public bool KvPairsPresent { get; set; }

    public IReadOnlyList<string> Members { get; set; }

    public string Name { get; set; }

    public string SerialNumber { get; set; }

    public double SizeMiB { get; set; }

    public string SystemId { get; set; }

    public string Type { get; set; }

    public string VvSetType { get; set; }
}

/// <summary>Spec schema <c>PrimeraApplicationSets</c>.</summary>
public sealed class PrimeraApplicationSets : ApplicationSetFields
{
}

/// <summary>Spec schema <c>ArcusApplicationSets</c>.</summary>
public sealed class ArcusApplicationSets : ApplicationSetFields
{
}

/// <summary>What <c>PrimeraApplicationSetDetails</c> and <c>ArcusApplicationSetDetails</c> add to an item.</summary>
public abstract class ApplicationSetDetailFields : ApplicationSetFields
{
    public string ConsoleUri { get; set; }

    public bool IsFailoverAllowed { get; set; }

    public bool IsOverrideAllowed { get; set; }

    public bool IsPrimary { get; set; }

    public bool IsSyncAllowed { get; set; }

    public string RequestUri { get; set; }
}

/// <summary>Spec schema <c>PrimeraApplicationSetDetails</c>.</summary>
public sealed class PrimeraApplicationSetDetails : ApplicationSetDetailFields
{
    /// <summary>The <c>appSetType</c> value as sent, e.g. ORACLE_DATA (the Arcus schema has no such field).</summary>
    public string AppSetTypeEnum { get; set; }
}

/// <summary>Spec schema <c>ArcusApplicationSetDetails</c>.</summary>
public sealed class ArcusApplicationSetDetails : ApplicationSetDetailFields
{
}

/// <summary>
/// Spec schemas <c>NimbleVCollectionFieldsWithSortKey</c> + <c>NimbleVCollectionDetails</c>: one item of
/// <c>NimbleVolumeCollectionList</c>. snake_case, times in epoch seconds.
/// </summary>
[SnakeCase]
public class NimbleVolumeCollection
{
    public string AppClusterName { get; set; }

    public string AppId { get; set; }

    public string AppServer { get; set; }

    public string AppServiceName { get; set; }

    public string Id { get; set; }

    public string Name { get; set; }

    public string ProttmplId { get; set; }

    public string ReplicationType { get; set; }

    public string SynchronousReplicationState { get; set; }

    public string SynchronousReplicationType { get; set; }

    public string AgentHostname { get; set; }

    public string AgentUsername { get; set; }

    public string AppSync { get; set; }

    public IReadOnlyList<AssociatedLink> AssociatedLinks { get; set; }

    [JsonPropertyName("consoleUri")]
    public string ConsoleUri { get; set; }

    public long CreationTime { get; set; }

    [JsonPropertyName("customerId")]
    public string CustomerId { get; set; }

    public string Description { get; set; }

    public string FullName { get; set; }

    public long Generation { get; set; }

    public bool IsHandingOver { get; set; }

    public bool IsMfaProtected { get; set; }

    public bool IsStandaloneVolcoll { get; set; }

    public IReadOnlyList<NimbleNsKeyValue> Metadata { get; set; }

    public string PolOwnerName { get; set; }

    public string ProtectionType { get; set; }

    public string ReplPriority { get; set; }

    [JsonPropertyName("resourceUri")]
    public string ResourceUri { get; set; }

    public string SearchName { get; set; }

    public long SnapcollCount { get; set; }

    public string Type { get; set; }

    public string VcenterHostname { get; set; }

    public string VcenterUsername { get; set; }

    public long VolumeCount { get; set; }

    public IReadOnlyList<NimbleVolumeSummary> VolumeList { get; set; }
}

/// <summary>Spec schema <c>NimbleVCollectionDetailsWithRequestUri</c>: GET of one volume collection.</summary>
[SnakeCase]
public sealed class NimbleVCollectionDetailsWithRequestUri : NimbleVolumeCollection
{
    [JsonPropertyName("requestUri")]
    public string RequestUri { get; set; }
}

/// <summary>Spec schema <c>NimbleVolumeSummary</c>: a collection's volumes.</summary>
[SnakeCase]
public sealed record NimbleVolumeSummary(string Id, string Name, string VolId, string VolName);

/// <summary>Spec schema <c>NimbleNsKeyValue</c>.</summary>
public sealed record NimbleNsKeyValue(string Key, string Value);
