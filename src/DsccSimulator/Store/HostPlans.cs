namespace DsccSimulator.Store;

// Host, host-group and initiator requests after the endpoint has checked their shape (InitiatorInput,
// CreateHostInput, ...). What remains to check needs the inventory: names, referenced ids, protocols.

/// <summary>An initiator to create (<c>InitiatorInput</c>); protocol and address already normalized.</summary>
public sealed record InitiatorPlan
{
    public required string Address { get; init; }

    public required string Protocol { get; init; }

    public string Name { get; init; }

    public string IpAddress { get; init; }

    public string HbaModel { get; init; }

    public string DriverVersion { get; init; }

    public string FirmwareVersion { get; init; }

    public string Vendor { get; init; }

    public long? HostSpeed { get; init; }
}

/// <summary>A host to create (<c>CreateHostInput</c>), possibly nested in a host-group request.</summary>
public sealed record HostPlan
{
    public required string Name { get; init; }

    public required string OperatingSystem { get; init; }

    public string Persona { get; init; }

    public string Protocol { get; init; }

    public string Comment { get; init; }

    public string Contact { get; init; }

    public string Fqdn { get; init; }

    public string IpAddress { get; init; }

    public string Location { get; init; }

    public string Model { get; init; }

    public string Subnet { get; init; }

    public IReadOnlyList<string> HostGroupIds { get; init; } = [];

    public IReadOnlyList<string> InitiatorIds { get; init; } = [];

    public IReadOnlyList<InitiatorPlan> InitiatorsToCreate { get; init; } = [];
}

/// <summary>A host group to create (<c>CreateHostGroupInput</c>).</summary>
public sealed record HostGroupPlan
{
    public required string Name { get; init; }

    public string Comment { get; init; }

    public IReadOnlyList<string> HostIds { get; init; } = [];

    public IReadOnlyList<HostPlan> HostsToCreate { get; init; } = [];
}

/// <summary>A host edit (<c>UpdateHostInput</c>).</summary>
public sealed record HostUpdatePlan
{
    /// <summary>New name, or null to keep it.</summary>
    public string Name { get; init; }

    /// <summary><c>updatedInitiators</c>: the host's existing initiators become these; null keeps them.</summary>
    public IReadOnlyList<string> ReplacementInitiatorIds { get; init; }

    public IReadOnlyList<InitiatorPlan> InitiatorsToCreate { get; init; } = [];
}

/// <summary>A host-group edit (<c>UpdateHostGroupInput</c>).</summary>
public sealed record HostGroupUpdatePlan
{
    /// <summary>New name, or null to keep it.</summary>
    public string Name { get; init; }

    /// <summary><c>updatedHosts</c>: existing hosts to add.</summary>
    public IReadOnlyList<string> AddedHostIds { get; init; } = [];

    /// <summary><c>removedHosts</c>: members to take out.</summary>
    public IReadOnlyList<string> RemovedHostIds { get; init; } = [];

    public IReadOnlyList<HostPlan> HostsToCreate { get; init; } = [];

    /// <summary>Hosts named in <c>hostProximityValues</c>; each must be a member once the edit is applied.</summary>
    public IReadOnlyList<string> ProximityHostIds { get; init; } = [];
}
