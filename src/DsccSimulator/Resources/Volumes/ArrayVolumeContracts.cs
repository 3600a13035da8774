using System.Text.Json.Serialization;
using DsccSimulator.Json;
using DsccSimulator.Resources.Common;

namespace DsccSimulator.Resources.Volumes;

/// <summary>
/// Fields shared by the device-type1 (<c>PrimeraVolumeDetails*</c>) and device-type4 (<c>ArcusVolumeDetails*</c>)
/// volume schemas. A realistic subset; the spec lists many more, all optional. It includes every property the list
/// schemas mark <c>Filter</c> or <c>Sort</c>, because filter, sort and select accept exactly the declared names.
/// </summary>
public abstract class PrimeraLineageVolumeFields
{
    public IReadOnlyList<AssociatedLink> AssociatedLinks { get; set; }

    public string Comment { get; set; }

    /// <summary>For a physical copy: the VV id of the volume or snapshot it was copied from.</summary>
    [JsonPropertyName("copyOfID")]
    public long? CopyOfId { get; set; }

    public CalendarTime CreationTime { get; set; }

    public string CustomerId { get; set; }

    /// <summary>A string in the spec ("Data Reduction type"), not a boolean.</summary>
    public string DataReduction { get; set; }

    /// <summary>Drive class of the volume's CPG, spelled as the spec's <c>devType</c> examples: DEVTYPE_SSD.</summary>
    public string DevType { get; set; }

    [JsonPropertyName("displayname")]
    public string DisplayName { get; set; }

    public long Generation { get; set; }

    /// <summary>
    /// An integer here (int64 in the spec), unlike the fleet view's string: see
    /// <see cref="VolumeViews.PrimeraHealthState"/>.
    /// </summary>
    public long? HealthState { get; set; }

    public string Id { get; set; }

    /// <summary>Host groups the volume is exported to (the spec: "Host/HostGroup name on device").</summary>
    public IReadOnlyList<InitiatorReference> Initiators { get; set; }

    public string Name { get; set; }

    /// <summary>VV id of the parent in a snapshot tree; 0 for the base volumes this view lists.</summary>
    [JsonPropertyName("parentID")]
    public long? ParentId { get; set; }

    /// <summary>True for a clone made by physical copy (3PAR <c>createvvcopy</c>).</summary>
    public bool PhysicalCopy { get; set; }

    public string ProvType { get; set; }

    public bool ReadOnly { get; set; }

    public string ResourceUri { get; set; }

    public long? SnapshotAllocWarning { get; set; }

    public OverallState State { get; set; }

    public string SystemId { get; set; }

    public bool ThinProvisioned { get; set; }

    public string Type { get; set; }

    public long? UserAllocWarning { get; set; }

    [JsonPropertyName("userCpgID")]
    public long UserCpgId { get; set; }

    public string UserCpgName { get; set; }

    public long VolumeId { get; set; }

    public string VolumeType { get; set; }

    public string Wwn { get; set; }
}

/// <summary>Spec schema <c>PrimeraVolumeDetailsList</c>: item of <c>GET {dt1}/volumes</c>; capacity on top.</summary>
public class PrimeraVolumeDetailsList : PrimeraLineageVolumeFields
{
    public double HostWrittenMiB { get; set; }

    public double SizeMiB { get; set; }

    public string SnapshotCpgName { get; set; }

    public string ThinSavings { get; set; }

    public double TotalSpaceMiB { get; set; }

    public double UsedCapacity { get; set; }

    public double UsedSizeMiB { get; set; }
}

/// <summary>Spec schema <c>PrimeraVolumeDetails</c>: <c>GET {dt1}/volumes/{id}</c>.</summary>
public sealed class PrimeraVolumeDetails : PrimeraVolumeDetailsList
{
    public string ConsoleUri { get; set; }

    public string RequestUri { get; set; }
}

/// <summary>Spec schema <c>ArcusVolumeDetailsList</c>: item of <c>GET {dt4}/volumes</c>; capacity is nested.</summary>
public class ArcusVolumeDetailsList : PrimeraLineageVolumeFields
{
    public ArcusVolumeCapacity VolumeCapacity { get; set; }
}

/// <summary>Spec schema <c>ArcusVolumeDetails</c>: <c>GET {dt4}/volumes/{id}</c>.</summary>
public sealed class ArcusVolumeDetails : ArcusVolumeDetailsList
{
    public string ConsoleUri { get; set; }

    public string RequestUri { get; set; }
}

/// <summary>Spec schema <c>ArcusVolumeCapacity</c> (subset).</summary>
public sealed record ArcusVolumeCapacity(
    double SizeMiB, string ThinSavings, double TotalSpaceMiB, double UsedCapacity, double UsedSizeMiB);

/// <summary>
/// Spec schema <c>NimbleVolume</c>: item of <c>GET {dt2}/volumes</c>. snake_case; <c>size</c> in MiB, usage in
/// bytes, times in epoch seconds. Every property the spec marks <c>Filter</c> or <c>Sort</c> is declared, even those
/// never set, because filter, sort and select accept exactly the declared names.
/// </summary>
[SnakeCase]
public class NimbleVolume
{
    /// <summary>Base snapshot of a clone made from a snapshot.</summary>
    public string BaseSnapId { get; set; }

    public string BaseSnapName { get; set; }

    public bool Clone { get; set; }

    /// <summary>Pool a volume move is heading for; the simulator moves no volumes, so never set.</summary>
    public string DestPoolId { get; set; }

    public string DestPoolName { get; set; }

    /// <summary>Empty: the simulator keeps volumes in no folder (the spec allows the empty string).</summary>
    public string FolderId { get; set; }

    public string FolderName { get; set; }

    public string Id { get; set; }

    public string Name { get; set; }

    public bool Online { get; set; }

    /// <summary>The array's own group (its system id and name).</summary>
    public string OwnedByGroup { get; set; }

    public string OwnedByGroupId { get; set; }

    /// <summary>Parent volume of a clone.</summary>
    public string ParentVolId { get; set; }

    public string ParentVolName { get; set; }

    public string PerfpolicyId { get; set; }

    public string PerfpolicyName { get; set; }

    public string PoolId { get; set; }

    public string PoolName { get; set; }

    public bool ReadOnly { get; set; }

    public string ReplicationRole { get; set; }

    /// <summary>Set only for synchronous replication, which the simulator does not do.</summary>
    public string SecondarySerialNumber { get; set; }

    public string SerialNumber { get; set; }

    public long Size { get; set; }

    public string TargetName { get; set; }

    /// <summary>One record per host group the volume is exported to.</summary>
    public IReadOnlyList<AccessControlRecord> AccessControlRecords { get; set; }
    /// <summary>The volume collection the volume belongs to, if any.</summary>
    public string VolcollId { get; set; }

    public string VolcollName { get; set; }

    public string AgentType { get; set; }

    public string AppCategory { get; set; }

    public string AppUuid { get; set; }

    public IReadOnlyList<AssociatedLink> AssociatedLinks { get; set; }

    public long BlockSize { get; set; }

    public bool CachePinned { get; set; }

    public bool CachingEnabled { get; set; }

    [JsonPropertyName("consoleUri")]
    public string ConsoleUri { get; set; }

    public long CreationTime { get; set; }

    [JsonPropertyName("customerId")]
    public string CustomerId { get; set; }

    public bool DedupeEnabled { get; set; }

    public string Description { get; set; }

    public string EncryptionCipher { get; set; }

    public string FullName { get; set; }

    public long Generation { get; set; }

    public long LastModified { get; set; }

    public long Limit { get; set; }

    public long LimitIops { get; set; }

    public long LimitMbps { get; set; }

    public bool MultiInitiator { get; set; }

    public string OfflineReason { get; set; }

    public long Reserve { get; set; }

    [JsonPropertyName("resourceUri")]
    public string ResourceUri { get; set; }

    public string SearchName { get; set; }

    public bool ThinlyProvisioned { get; set; }

    public long TotalUsageBytes { get; set; }

    public string Type { get; set; }

    public string VolState { get; set; }

    public long WarnLevel { get; set; }
}

/// <summary>Spec schema <c>NimbleVolumeDetails</c>: <c>GET {dt2}/volumes/{volumeId}</c>.</summary>
[SnakeCase]
public sealed class NimbleVolumeDetails : NimbleVolume
{
    [JsonPropertyName("requestUri")]
    public string RequestUri { get; set; }

    /// <summary>The fleet host groups behind <c>access_control_records</c>.</summary>
    public NimbleVolumeExportDetails VolumeExportDetails { get; set; }
}

/// <summary>
/// Spec schema <c>AccessControlRecord</c> as embedded in Nimble volumes (<c>access_control_records</c>).
/// </summary>
[SnakeCase]
public sealed class AccessControlRecord
{
    public string AccessProtocol { get; set; }

    public string AclId { get; set; }

    public string ApplyTo { get; set; }

    public string Id { get; set; }

    public string InitiatorGroupId { get; set; }

    public string InitiatorGroupName { get; set; }

    public long Lun { get; set; }

    public string VolId { get; set; }

    public string VolName { get; set; }
}

/// <summary>Spec schema <c>NimbleVolumeExportDetails</c>; its one property is camelCase.</summary>
public sealed record NimbleVolumeExportDetails(
    [property: JsonPropertyName("hostGroups")] IReadOnlyList<NimbleHostGroupDetail> HostGroups);

/// <summary>Spec schema <c>NimbleHostGroupDetail</c> (subset: the DSCC host group id and name).</summary>
[SnakeCase]
public sealed record NimbleHostGroupDetail(string ScHostGroupId, string ScHostGroupName);
