namespace DsccSimulator.Store;

/// <summary>
/// A host initiator (HBA port): an FC WWN, an iSCSI IQN or an NVMe NQN. Fleet-level in DSCC, so not tied to one
/// array; <see cref="Systems"/> lists the arrays that have seen it log in.
/// </summary>
public sealed record FleetInitiator
{
    public required string Id { get; init; }

    public required string Address { get; init; }

    public required string Protocol { get; init; }

    public string Name { get; init; }

    public string IpAddress { get; init; }

    public string HbaModel { get; init; }

    public string DriverVersion { get; init; }

    public string FirmwareVersion { get; init; }

    public string Vendor { get; init; }

    public long? HostSpeed { get; init; }

    public IReadOnlyList<string> Systems { get; init; } = [];

    public required long Generation { get; init; }
}

/// <summary>
/// A fleet host. Owns the host-to-initiator relation (<see cref="InitiatorIds"/>); an initiator's hosts are derived
/// from it, so both directions always agree. Immutable: every change replaces the record.
/// </summary>
public sealed record FleetHost
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required string OperatingSystem { get; init; }

    public string Persona { get; init; }

    /// <summary>FC, iSCSI or NVMe: the one protocol of all the host's initiators (DSCC refuses mixes).</summary>
    public string Protocol { get; init; }

    public string Comment { get; init; }

    public string Contact { get; init; }

    public string Fqdn { get; init; }

    public string IpAddress { get; init; }

    public string Location { get; init; }

    public string Model { get; init; }

    public string Subnet { get; init; }

    /// <summary>False for hosts DSCC discovered on an array; hosts created through the API are always true.</summary>
    public required bool UserCreated { get; init; }

    public IReadOnlyList<string> InitiatorIds { get; init; } = [];

    public string EditStatus { get; init; } = EditStatuses.NotApplicable;

    public bool MarkedForDelete { get; init; }

    public required long Generation { get; init; }
}

/// <summary>A fleet host group. Owns the group-to-host relation; a host's groups are derived from it.</summary>
public sealed record FleetHostGroup
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public string Comment { get; init; }

    public required bool UserCreated { get; init; }

    public IReadOnlyList<string> HostIds { get; init; } = [];

    public string EditStatus { get; init; } = EditStatuses.NotApplicable;

    public bool MarkedForDelete { get; init; }

    public required long Generation { get; init; }
}

/// <summary>The spec's <c>editStatus</c> values for hosts and host groups.</summary>
public static class EditStatuses
{
    public const string UpdateInProgress = "Update_In_Progress";

    public const string UpdateSuccess = "Update_Success";

    public const string UpdateFailed = "Update_Failed";

    public const string DeleteInProgress = "Delete_In_Progress";

    public const string DeleteFailed = "Delete_Failed";

    public const string NotApplicable = "Not_Applicable";
}
