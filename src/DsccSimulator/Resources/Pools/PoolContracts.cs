using System.Text.Json.Serialization;
using DsccSimulator.Json;
using DsccSimulator.Resources.Common;

namespace DsccSimulator.Resources.Pools;

/// <summary>
/// Spec schema <c>FleetPoolList</c>: one item of <c>GET /api/v1/storage-systems/{systemId}/storage-pools</c>
/// (<c>storagePoolsFleetSummaryList</c>). CPGs of device-type1/4 and pools of device-type2 alike.
/// </summary>
public sealed class FleetPoolList
{
    /// <summary>Written capacity in MiB.</summary>
    public long CapacityUsed { get; set; }

    public string CustomerId { get; set; }

    public long Generation { get; set; }

    public string Id { get; set; }

    public string Name { get; set; }

    /// <summary>The per-type pool URI, as in the spec example.</summary>
    public string ResourceUri { get; set; }

    public string SystemId { get; set; }

    public string Type { get; set; }
}

/// <summary>
/// Spec schemas <c>primeraPoolList</c> / <c>arcusPoolList</c> (same names): one CPG of
/// <c>GET {dt1|dt4}/storage-pools</c>. Capacities in MiB.
/// </summary>
public class PrimeraPoolList
{
    public PoolAllocation AllocationSettings { get; set; }

    public string CustomerId { get; set; }

    [JsonPropertyName("displayname")]
    public string DisplayName { get; set; }

    public long FreeSizeMiB { get; set; }

    public long Generation { get; set; }

    public string Id { get; set; }

    public string Name { get; set; }

    [JsonPropertyName("numberOfTDVV")]
    public int NumberOfTdvv { get; set; }

    [JsonPropertyName("numberOfTPVV")]
    public int NumberOfTpvv { get; set; }

    public double OverProvRatio { get; set; }

    public string ResourceUri { get; set; }

    public OverallState State { get; set; }

    public long StoragePoolId { get; set; }

    public string SystemId { get; set; }

    public long TotalReservedMiB { get; set; }

    public long TotalSizeMiB { get; set; }

    public string Type { get; set; }

    public int WarnPercent { get; set; }
}

/// <summary>
/// Spec schemas <c>primeraPoolDetails</c> / <c>arcusPoolDetails</c>: <c>GET {dt1|dt4}/storage-pools/{id}</c>.
/// </summary>
public sealed class PrimeraPoolDetails : PrimeraPoolList
{
    public IReadOnlyList<AssociatedLink> AssociatedLinks { get; set; }
}

/// <summary>Spec schemas <c>allocation</c> / <c>Arcusallocation</c> (subset).</summary>
public sealed record PoolAllocation(
    [property: JsonPropertyName("RAIDType")] string RaidType, string DeviceType, string SetSize);

/// <summary>
/// Spec schema <c>NimblePoolDetails</c> (with <c>NimblePoolFieldsWithSortKey</c>): one pool of
/// <c>GET {dt2}/storage-pools</c>. snake_case; capacities in bytes.
/// </summary>
[SnakeCase]
public class NimblePoolDetails
{
    public string Id { get; set; }

    public string Name { get; set; }

    public bool AllFlash { get; set; }

    public long ArrayCount { get; set; }

    public long Capacity { get; set; }

    public double CompressionRatio { get; set; }

    [JsonPropertyName("consoleUri")]
    public string ConsoleUri { get; set; }

    public long CreationTime { get; set; }

    [JsonPropertyName("customerId")]
    public string CustomerId { get; set; }

    public bool DedupeCapable { get; set; }

    public string Description { get; set; }

    public long FreeSpace { get; set; }

    public string FullName { get; set; }

    public long Generation { get; set; }

    public bool IsDefault { get; set; }

    public long LastModified { get; set; }

    [JsonPropertyName("resourceUri")]
    public string ResourceUri { get; set; }

    public long SnapCount { get; set; }

    public string Type { get; set; }

    public long Usage { get; set; }

    public bool UsageValid { get; set; }

    public long VolCount { get; set; }
}

/// <summary>
/// Spec schema <c>NimblePoolDetailsWithRequestUri</c>: <c>GET {dt2}/storage-pools/{storagePoolId}</c>.
/// </summary>
[SnakeCase]
public sealed class NimblePoolDetailsWithRequestUri : NimblePoolDetails
{
    [JsonPropertyName("requestUri")]
    public string RequestUri { get; set; }
}
