using System.Text.Json.Serialization;
using DsccSimulator.Json;
using DsccSimulator.Resources.Common;

namespace DsccSimulator.Resources.Systems;

/// <summary>
/// Spec schema <c>NimbleStorageSystemDetail</c> (with <c>NimbleStorageSystemFieldsWithSortKey</c>): one item of
/// <c>GET .../device-type2</c>. snake_case apart from the camelCase properties DSCC adds. Capacity is in bytes.
/// </summary>
[SnakeCase]
public class NimbleStorageSystemDetail
{
    public string Id { get; set; }

    public string Name { get; set; }

    public IReadOnlyList<string> AccessProtocolList { get; set; }

    public bool AlarmsEnabled { get; set; }

    public IReadOnlyList<AssociatedLink> AssociatedLinks { get; set; }

    public bool AutosupportEnabled { get; set; }

    public double CompressionRatio { get; set; }

    [JsonPropertyName("customerId")]
    public string CustomerId { get; set; }

    /// <summary>Group clock, epoch seconds.</summary>
    public long Date { get; set; }

    public double DedupeRatio { get; set; }

    public long DefaultVolumeLimit { get; set; }

    public long DefaultVolumeWarnLevel { get; set; }

    public string DomainName { get; set; }

    public bool FcEnabled { get; set; }

    public long FreeSpace { get; set; }

    public long Generation { get; set; }

    public string GroupTargetName { get; set; }

    public bool IscsiEnabled { get; set; }

    public string LeaderArrayName { get; set; }

    public string LeaderArraySerial { get; set; }

    public IReadOnlyList<string> MemberList { get; set; }

    public string NtpServer { get; set; }

    public long NumSnaps { get; set; }

    public long RawCapacity { get; set; }

    [JsonPropertyName("resourceUri")]
    public string ResourceUri { get; set; }

    public string Timezone { get; set; }

    public long UsableCapacityBytes { get; set; }

    public long Usage { get; set; }

    public bool UsageValid { get; set; }

    public string VersionCurrent { get; set; }

    public bool VvolEnabled { get; set; }
}

/// <summary>
/// Spec schema <c>NimbleStorageSystemDetailsWithRequestUri</c>: <c>GET .../device-type2/{systemId}</c>.
/// </summary>
[SnakeCase]
public sealed class NimbleStorageSystemDetailsWithRequestUri : NimbleStorageSystemDetail
{
    [JsonPropertyName("requestUri")]
    public string RequestUri { get; set; }
}
