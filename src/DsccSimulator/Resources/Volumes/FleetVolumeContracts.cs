using DsccSimulator.Resources.Common;

namespace DsccSimulator.Resources.Volumes;

/// <summary>
/// Spec schema <c>fleetVolumeDetailsList</c>: one item of <c>GET /api/v1/volumes</c> and
/// <c>GET /api/v1/storage-systems/{systemId}/volumes</c> (<c>fleetVolumesList</c>). Sizes in MiB.
/// </summary>
public class FleetVolumeDetailsList
{
    public IReadOnlyList<AssociatedLink> AssociatedLinks { get; set; }

    public string ConsoleUri { get; set; }

    public string CustomerId { get; set; }

    public long Generation { get; set; }

    public string HealthState { get; set; }

    public double HostWrittenCapacityMiB { get; set; }

    public string Id { get; set; }

    /// <summary>Hosts the volume is exported to; the simulator does not export yet, so always empty.</summary>
    public IReadOnlyList<InitiatorReference> Initiators { get; set; }

    public bool IsInternal { get; set; }

    public bool IsSystemVolume { get; set; }

    public string Name { get; set; }

    /// <summary>Family of the owning system: <c>deviceType1</c>, <c>deviceType2</c> or <c>deviceType4</c>.</summary>
    public string ProductFamily { get; set; }

    /// <summary>The per-type volume URI, as in the spec example.</summary>
    public string ResourceUri { get; set; }

    public double SizeMiB { get; set; }

    public double? SpaceWarning { get; set; }

    public string SubType { get; set; }

    public string SystemId { get; set; }

    public string ThinSavings { get; set; }

    public string Type { get; set; }

    public double UsedCapacityPercent { get; set; }

    public double UsedSizeMiB { get; set; }

    public string VolumeSetId { get; set; }

    public string VolumeType { get; set; }

    public string Wwn { get; set; }
}

/// <summary>Spec schema <c>fleetVolumeDetails</c>: <c>GET /api/v1/volumes/{id}</c>.</summary>
public sealed class FleetVolumeDetails : FleetVolumeDetailsList
{
    public string RequestUri { get; set; }
}
