namespace DsccSimulator.Store;

/// <summary>
/// An array as the simulator knows it. Response schemas are built from this by the resource views, so one record
/// feeds the generic and the per-device-type representations alike.
/// </summary>
public sealed record StorageSystem
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required DeviceType DeviceType { get; init; }

    public required string Model { get; init; }

    /// <summary>Key of the per-type <c>deviceType {key, default}</c> object (device-type1/4 only).</summary>
    public string ModelKey { get; init; }

    public required string SoftwareVersion { get; init; }

    /// <summary>16-hex system WWN (device-type1/4); empty for device-type2, which has none.</summary>
    public string SystemWwn { get; init; }

    /// <summary>Serial number of the (leader) array hardware.</summary>
    public required string SerialNumber { get; init; }

    public required string ManagementIp { get; init; }

    public required string Fqdn { get; init; }

    public required string TierType { get; init; }

    public required string Location { get; init; }

    public required DateTimeOffset UpSince { get; init; }

    public required long Generation { get; init; }

    public int NodeCount { get; init; } = 2;
}

/// <summary>
/// A CPG (device-type1/4) or pool (device-type2). Capacity figures are MiB. The counters change only under the
/// store lock; views read them without it, which at worst shows a figure one update old.
/// </summary>
public sealed class StoragePool
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required string SystemId { get; init; }

    public required DeviceType DeviceType { get; init; }

    /// <summary>Array-local CPG/pool number (3PAR <c>userCpgID</c>), 1-based in creation order.</summary>
    public required int Number { get; init; }

    /// <summary>RAID layout of a CPG as DSCC spells it (<c>RAID_SIX</c>); null on device-type2.</summary>
    public string RaidType { get; init; }

    /// <summary>Set size of a CPG, e.g. "6 data, 2 parity"; null on device-type2.</summary>
    public string SetSize { get; init; }

    /// <summary>Drive class of a CPG as DSCC spells it (<c>DEVICE_TYPE_SSD</c>); null on device-type2.</summary>
    public string DriveType { get; init; }

    /// <summary>True for the device-type2 pool named <c>default</c>, which creates fall back to.</summary>
    public bool IsDefault { get; init; }

    public required long Generation { get; init; }

    /// <summary>Usable capacity. Settable because seeding sizes pools after placing volumes in them.</summary>
    public long TotalMiB { get; set; }

    /// <summary>Capacity written by volumes (sum of their used sizes).</summary>
    public long UsedMiB { get; set; }

    /// <summary>Capacity promised to create tasks that have started but not finished.</summary>
    public long ReservedMiB { get; set; }

    /// <summary>Sum of the virtual sizes of the pool's volumes (over-provisioning numerator).</summary>
    public long ProvisionedMiB { get; set; }

    public int VolumeCount { get; set; }

    /// <summary>Volumes with data reduction (3PAR TDVV); the rest are thin (TPVV).</summary>
    public int ReducedVolumeCount { get; set; }

    public long FreeMiB => Math.Max(0, TotalMiB - UsedMiB - ReservedMiB);
}

/// <summary>A volume on one system. Immutable: edits, exports and clones replace the record.</summary>
public sealed record Volume
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required string SystemId { get; init; }

    public required DeviceType DeviceType { get; init; }

    public required string PoolId { get; init; }

    public required long SizeMiB { get; init; }

    public required long UsedMiB { get; init; }

    /// <summary>32-hex SCSI WWN.</summary>
    public required string Wwn { get; init; }

    /// <summary>Array-local volume number (3PAR <c>volumeId</c>).</summary>
    public required long VolumeNumber { get; init; }

    /// <summary>32-hex Nimble serial number (device-type2 only).</summary>
    public string SerialNumber { get; init; }

    public required bool DataReduction { get; init; }

    public required string HealthState { get; init; }

    public string Comment { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required long Generation { get; init; }

    /// <summary>What a volume edit can change beyond name, size, pool, data reduction and comment.</summary>
    public VolumeSettings Settings { get; init; } = VolumeSettings.Default;

    /// <summary>Where a clone was copied from; null for volumes that were created empty.</summary>
    public VolumeLineage Lineage { get; init; }

    /// <summary>Host groups the volume is presented to: VLUNs (type1/4) or access control records (type2).</summary>
    public IReadOnlyList<VolumeExport> Exports { get; init; } = [];
}
