using System.Text.Json.Serialization;
using DsccSimulator.Json;
using DsccSimulator.Resources.Common;

namespace DsccSimulator.Resources.Exports;

/// <summary>
/// Spec schemas <c>vlunsList</c> (device-type1) and <c>ArcusvlunsList</c> (device-type4), which are identical: one
/// item of <c>GET .../volumes/{id}/vluns</c>. The simulator exports to host groups, so each VLUN is a host-set VLUN
/// and <c>initiators</c> names the host group ("Host/HostGroup name on device").
/// </summary>
public sealed class VlunsList
{
    public bool Active { get; set; }

    public string CustomerId { get; set; }

    public long Generation { get; set; }

    public string Id { get; set; }

    public InitiatorReference Initiators { get; set; }

    public long Lun { get; set; }

    public string ResourceUri { get; set; }

    public OverallState State { get; set; }

    public string SystemId { get; set; }

    public string Type { get; set; }

    public string VlunType { get; set; }

    public string VolumeName { get; set; }

    [JsonPropertyName("volumeWWN")]
    public string VolumeWwn { get; set; }

    public long VvSize { get; set; }
}

/// <summary>
/// Spec schemas <c>vlunsListSingle</c> / <c>ArcusvlunsListSingle</c>: <c>GET .../volumes/{volumeId}/vluns/{id}</c>.
/// Unlike the list item it has no <c>customerId</c>, <c>generation</c> or <c>vlunType</c>; its <c>type</c> is the
/// VLUN type.
/// </summary>
public sealed class VlunsListSingle
{
    public bool Active { get; set; }

    public string ConsoleUri { get; set; }

    public string Id { get; set; }

    public InitiatorReference Initiators { get; set; }

    public long Lun { get; set; }

    public string RequestUri { get; set; }

    public string ResourceUri { get; set; }

    public OverallState State { get; set; }

    public string SystemId { get; set; }

    public string Type { get; set; }

    public string VolumeName { get; set; }

    [JsonPropertyName("volumeWWN")]
    public string VolumeWwn { get; set; }

    public long VvSize { get; set; }
}

/// <summary>
/// Items of spec schema <c>NimbleAccessControlRecordList</c> (<c>NimbleAccessControlRecordFieldsWithSortKey</c> +
/// <c>NimbleAccessControlRecordDetails</c>): <c>GET {dt2}/access-control-records</c>. Times in epoch seconds.
/// </summary>
[SnakeCase]
public class NimbleAccessControlRecord
{
    public string AccessProtocol { get; set; }

    public string ApplyTo { get; set; }

    public IReadOnlyList<AssociatedLink> AssociatedLinks { get; set; }

    [JsonPropertyName("consoleUri")]
    public string ConsoleUri { get; set; }

    public long CreationTime { get; set; }

    [JsonPropertyName("customerId")]
    public string CustomerId { get; set; }

    public long Generation { get; set; }

    public string Id { get; set; }

    public string InitiatorGroupId { get; set; }

    public string InitiatorGroupName { get; set; }

    public long LastModified { get; set; }

    public long Lun { get; set; }

    [JsonPropertyName("resourceUri")]
    public string ResourceUri { get; set; }

    public string Type { get; set; }

    public string VolAgentType { get; set; }

    public string VolId { get; set; }

    public string VolName { get; set; }
}

/// <summary>Spec schema <c>NimbleAccessControlRecordDetailsWithRequestUri</c>: the record by id.</summary>
[SnakeCase]
public sealed class NimbleAccessControlRecordDetails : NimbleAccessControlRecord
{
    [JsonPropertyName("requestUri")]
    public string RequestUri { get; set; }
}
