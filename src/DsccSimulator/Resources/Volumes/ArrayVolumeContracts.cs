using System.Text.Json.Serialization;
using DsccSimulator.Json;
using DsccSimulator.Resources.Common;

namespace DsccSimulator.Resources.Volumes;

/// <summary>
/// Fields shared by the device-type1 (<c>PrimeraVolumeDetails*</c>) and device-type4 (<c>ArcusVolumeDetails*</c>)
/// volume schemas. A realistic subset; the spec lists many more, all optional.
/// </summary>
public abstract class PrimeraLineageVolumeFields
{
    public IReadOnlyList<AssociatedLink> AssociatedLinks { get; set; }

    public string Comment { get; set; }

    public CalendarTime CreationTime { get; set; }

    public string CustomerId { get; set; }

    /// <summary>A string in the spec ("Data Reduction type"), not a boolean.</summary>
    public string DataReduction { get; set; }

    [JsonPropertyName("displayname")]
    public string DisplayName { get; set; }

    public long Generation { get; set; }

    public string Id { get; set; }

    public string Name { get; set; }

    public string ProvType { get; set; }

    public bool ReadOnly { get; set; }

    public string ResourceUri { get; set; }

    public OverallState State { get; set; }

    public string SystemId { get; set; }

    public bool ThinProvisioned { get; set; }

    public string Type { get; set; }

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
/// bytes, times in epoch seconds.
/// </summary>
[SnakeCase]
public class NimbleVolume
{
    public bool Clone { get; set; }

    public string Id { get; set; }

    public string Name { get; set; }

    public bool Online { get; set; }

    public string PerfpolicyName { get; set; }

    public string PoolId { get; set; }

    public string PoolName { get; set; }

    public bool ReadOnly { get; set; }

    public string SerialNumber { get; set; }

    public long Size { get; set; }

    public string TargetName { get; set; }

    /// <summary>The volume collection the volume belongs to, if any.</summary>
    public string VolcollId { get; set; }

    public string VolcollName { get; set; }

    public string AgentType { get; set; }

    public string AppCategory { get; set; }

    public IReadOnlyList<AssociatedLink> AssociatedLinks { get; set; }

    public long BlockSize { get; set; }

    public bool CachePinned { get; set; }

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

    public bool MultiInitiator { get; set; }

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
}
