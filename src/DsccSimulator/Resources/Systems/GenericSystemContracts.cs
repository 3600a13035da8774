using System.Text.Json.Serialization;
using DsccSimulator.Resources.Common;

namespace DsccSimulator.Resources.Systems;

/// <summary>Spec schema <c>storageSystemDetailList</c>: one item of <c>GET /api/v1/storage-systems</c>.</summary>
public class StorageSystemDetailList
{
    /// <summary>Arrays of a device-type2 group; absent for other families.</summary>
    public IReadOnlyList<NimbleArraySummary> ArrayList { get; set; }

    public IReadOnlyList<AssociatedLink> AssociatedLinks { get; set; }

    public string CallhomeStatus { get; set; }

    public CollectionStatus CollectionStatus { get; set; }

    public string ConnectionStatus { get; set; }

    public string CustomerId { get; set; }

    public string Description { get; set; }

    public long Generation { get; set; }

    public string Id { get; set; }

    public long? LastConnectedTime { get; set; }

    public string MgmtIp { get; set; }

    public string Model { get; set; }

    public string Name { get; set; }

    /// <summary>deviceType1, deviceType2 or deviceType4 (these generic schemas have no deviceType).</summary>
    public string ProductFamily { get; set; }

    public string ResourceUri { get; set; }

    public string SoftwareVersion { get; set; }

    public string State { get; set; }

    [JsonPropertyName("systemWWN")]
    public string SystemWwn { get; set; }

    public string TierType { get; set; }

    public string Type { get; set; }

    public long UpSince { get; set; }
}

/// <summary>Spec schema <c>storageSystemDetail</c>: <c>GET /api/v1/storage-systems/{id}</c>.</summary>
public sealed class StorageSystemDetail : StorageSystemDetailList
{
    public string ConsoleUri { get; set; }

    public string Fqdn { get; set; }

    public string RequestUri { get; set; }
}

/// <summary>Spec schema <c>NimbleArraySummary</c>.</summary>
public sealed record NimbleArraySummary(string Model, string Name);

/// <summary>Spec schema <c>collectionStatus</c>.</summary>
public sealed record CollectionStatus(StatusValue ConfigStatus, StatusValue MetricStatus, string OverAllStatus);

/// <summary>The inline <c>{status}</c> objects inside <c>collectionStatus</c>.</summary>
public sealed record StatusValue(string Status);
