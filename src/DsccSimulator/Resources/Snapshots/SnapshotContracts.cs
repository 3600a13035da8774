using System.Text.Json.Serialization;
using DsccSimulator.Json;
using DsccSimulator.Resources.Common;

namespace DsccSimulator.Resources.Snapshots;

/// <summary>
/// Fields shared by the device-type1 (<c>snapshotsList*</c>) and device-type4 (<c>ArcussnapshotsList*</c>) snapshot
/// schemas. The spec gives these no <c>resourceUri</c> or <c>associatedLinks</c>; the parent volume is known from
/// the path and from <c>parentID</c>/<c>baseId</c> (its VV id).
/// </summary>
public abstract class PrimeraLineageSnapshotFields
{
    /// <summary>VV id of the base volume of the snapshot tree.</summary>
    public long BaseId { get; set; }

    public string Comment { get; set; }

    /// <summary>VV id of the volume the snapshot was taken of (3PAR <c>copyOf</c>).</summary>
    [JsonPropertyName("copyOfID")]
    public long CopyOfId { get; set; }

    public CalendarTime CreationTime { get; set; }

    public string CustomerId { get; set; }

    public string DataReduction { get; set; }

    [JsonPropertyName("displayname")]
    public string DisplayName { get; set; }

    public CalendarTime ExpirationTime { get; set; }

    public long Generation { get; set; }

    public string Id { get; set; }

    public string Name { get; set; }

    [JsonPropertyName("parentID")]
    public long ParentId { get; set; }

    public string ProvType { get; set; }

    public bool ReadOnly { get; set; }

    public CalendarTime RetentionTime { get; set; }

    /// <summary>The snapshot's own VV id ("Numeric ID of the resource").</summary>
    public long SnapshotId { get; set; }

    public OverallState State { get; set; }

    public string SystemId { get; set; }

    public bool ThinProvisioned { get; set; }

    public string Type { get; set; }

    [JsonPropertyName("userCpgID")]
    public long UserCpgId { get; set; }

    public string UserCpgName { get; set; }

    public string Wwn { get; set; }
}

/// <summary>Spec schema <c>snapshotsList</c>: item of <c>GET {dt1}/volumes/{id}/snapshots</c>.</summary>
public class SnapshotsList : PrimeraLineageSnapshotFields
{
    public double SizeMiB { get; set; }

    public string SnapshotCpgName { get; set; }

    public double TotalSpaceMiB { get; set; }

    public double UsedSizeMiB { get; set; }
}

/// <summary>Spec schema <c>snapshotsListSingle</c>: <c>GET {dt1}/volumes/{volumeId}/snapshots/{id}</c>.</summary>
public sealed class SnapshotsListSingle : SnapshotsList
{
    public string ConsoleUri { get; set; }
}

/// <summary>Spec schema <c>ArcussnapshotsList</c>: item of <c>GET {dt4}/volumes/{id}/snapshots</c>.</summary>
public class ArcusSnapshotsList : PrimeraLineageSnapshotFields
{
    public ArcusSnapshotCapacity SnapshotCapacity { get; set; }
}

/// <summary>Spec schema <c>ArcussnapshotsListSingle</c>.</summary>
public sealed class ArcusSnapshotsListSingle : ArcusSnapshotsList
{
    public string ConsoleUri { get; set; }
}

/// <summary>Spec schema <c>ArcusSnapshotCapacity</c> (subset).</summary>
public sealed record ArcusSnapshotCapacity(double SizeMiB, double TotalSpaceMiB, double UsedSizeMiB);

/// <summary>
/// Spec schema <c>NimbleSnapshot</c>: item of <c>GET {dt2}/volumes/{volumeId}/snapshots</c>. snake_case; the spec
/// gives <c>size</c> in bytes here ("Size of volume at time of snapshot (in bytes)"), times in epoch seconds.
/// Every property the spec marks <c>Filter</c> or <c>Sort</c> is declared, even those never set, because filter,
/// sort and select accept exactly the declared names.
/// </summary>
[SnakeCase]
public class NimbleSnapshot
{
    public string Id { get; set; }

    public string Name { get; set; }

    public bool Online { get; set; }

    public string PoolName { get; set; }

    /// <summary>Never set: the simulator replicates nothing.</summary>
    public string ReplicationStatus { get; set; }

    /// <summary>Never set: snapshots are taken on request, not by a protection schedule.</summary>
    public string ScheduleId { get; set; }

    public string ScheduleName { get; set; }

    public string SerialNumber { get; set; }

    public long Size { get; set; }

    /// <summary>Never set: the simulator has no snapshot collections.</summary>
    public string SnapCollectionId { get; set; }

    public string SnapCollectionName { get; set; }

    public string TargetName { get; set; }

    public bool Writable { get; set; }

    public string AgentType { get; set; }

    public string AppUuid { get; set; }

    public IReadOnlyList<AssociatedLink> AssociatedLinks { get; set; }

    [JsonPropertyName("consoleUri")]
    public string ConsoleUri { get; set; }

    public long CreationTime { get; set; }

    [JsonPropertyName("customerId")]
    public string CustomerId { get; set; }

    public string Description { get; set; }

    /// <summary>0: the snapshot never expires (no expiry is set through this API).</summary>
    public long ExpiryAfter { get; set; }

    public long ExpiryTime { get; set; }

    public long Generation { get; set; }

    public bool IsManuallyManaged { get; set; }

    public bool IsReplica { get; set; }

    public bool IsUnmanaged { get; set; }

    public long LastModified { get; set; }

    public IReadOnlyList<NimbleKeyValue> Metadata { get; set; }

    public string OfflineReason { get; set; }

    public string OriginName { get; set; }

    [JsonPropertyName("resourceUri")]
    public string ResourceUri { get; set; }

    public string Type { get; set; }

    public string VolId { get; set; }

    public string VolName { get; set; }
}

/// <summary>Spec schema <c>NimbleSnapshotDetails</c>: <c>GET {dt2}/volumes/{volumeId}/snapshots/{id}</c>.</summary>
[SnakeCase]
public sealed class NimbleSnapshotDetails : NimbleSnapshot
{
    [JsonPropertyName("requestUri")]
    public string RequestUri { get; set; }
}

/// <summary>Spec schema <c>KeyValue</c>.</summary>
public sealed record NimbleKeyValue(string Key, string Value);
