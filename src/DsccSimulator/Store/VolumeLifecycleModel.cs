namespace DsccSimulator.Store;

/// <summary>
/// Volume properties only an edit changes. device-type1/4 keep allocation warnings; device-type2 keeps the Nimble
/// QoS and state flags. Defaults are what a new volume reports.
/// </summary>
public sealed record VolumeSettings
{
    public static VolumeSettings Default { get; } = new();

    /// <summary>3PAR <c>usr_aw</c>: percent of the virtual size that raises a warning (device-type1/4).</summary>
    public long? UserAllocWarning { get; init; }

    /// <summary>3PAR <c>snp_aw</c> (device-type1/4).</summary>
    public long? SnapshotAllocWarning { get; init; }

    /// <summary>Nimble <c>online</c>; a Nimble volume must be offline before it can be deleted.</summary>
    public bool Online { get; init; } = true;

    public bool CachingEnabled { get; init; } = true;

    /// <summary>Nimble <c>limit</c>: percent of the size the volume may use.</summary>
    public long LimitPercent { get; init; } = 100;

    /// <summary>Nimble QoS; -1 means unlimited.</summary>
    public long LimitIops { get; init; } = -1;

    public long LimitMbps { get; init; } = -1;

    public string AppUuid { get; init; }
}

/// <summary>
/// The source of a clone. device-type1/4 clones are physical copies of a volume or snapshot (3PAR
/// <c>createvvcopy</c>, shown as <c>physicalCopy</c>/<c>copyOfID</c>); device-type2 clones share blocks with their
/// parent volume and, when made from one, a snapshot (<c>parent_vol_id</c>, <c>base_snap_id</c>).
/// </summary>
public sealed record VolumeLineage(
    string SourceVolumeId,
    string SourceVolumeName,
    long SourceNumber,
    string SourceSnapshotId,
    string SourceSnapshotName);

/// <summary>
/// One presentation of a volume to a fleet host group: a VLUN on device-type1/4 or an access control record on
/// device-type2 (which also names the array's initiator group that mirrors the host group).
/// </summary>
public sealed record VolumeExport
{
    /// <summary>32 hex digits for a VLUN, a 42-hex NsObjectID for an access control record.</summary>
    public required string Id { get; init; }

    public required string HostGroupId { get; init; }

    /// <summary>The host group's name when the export was made.</summary>
    public required string HostGroupName { get; init; }

    public required long Lun { get; init; }

    /// <summary>device-type2: the array-local initiator group DSCC created for the host group.</summary>
    public string InitiatorGroupId { get; init; }

    /// <summary>device-type2 <c>apply_to</c>: volume, snapshot or both.</summary>
    public string ApplyTo { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required long Generation { get; init; }
}

/// <summary>A point-in-time snapshot of a volume. Immutable; lives until deleted (or its volume is).</summary>
public sealed record Snapshot
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required string SystemId { get; init; }

    public required DeviceType DeviceType { get; init; }

    public required string VolumeId { get; init; }

    /// <summary>device-type1/4: the snapshot's own VV id (volumes' number space); type2: object index.</summary>
    public required long Number { get; init; }

    /// <summary>Virtual size of the parent when the snapshot was taken.</summary>
    public required long SizeMiB { get; init; }

    /// <summary>Data the snapshot preserves (the parent's written data then); what a clone of it copies.</summary>
    public required long DataMiB { get; init; }

    /// <summary>device-type1/4: 32-hex WWN; device-type2: 32-hex serial number.</summary>
    public required string Wwn { get; init; }

    public string Comment { get; init; }

    /// <summary>device-type1/4 read-only snapshot; device-type2 uses <see cref="Writable"/> instead.</summary>
    public bool ReadOnly { get; init; }

    public bool Online { get; init; }

    public bool Writable { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }

    public DateTimeOffset? RetainedUntil { get; init; }

    public string AppUuid { get; init; }

    public IReadOnlyList<KeyValuePair<string, string>> Metadata { get; init; } = [];

    public required DateTimeOffset CreatedAt { get; init; }

    public required long Generation { get; init; }
}

/// <summary>A fleet host group as exports see it: its 32-hex id and its name.</summary>
public sealed record HostGroupRef(string Id, string Name);
