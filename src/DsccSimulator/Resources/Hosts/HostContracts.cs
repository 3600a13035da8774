using DsccSimulator.Resources.Common;

namespace DsccSimulator.Resources.Hosts;

/// <summary>Properties of <c>HostObject</c> (list item, create response) and <c>HostDetails</c> (by id).</summary>
public abstract class HostProperties
{
    public IReadOnlyList<AssociatedLink> AssociatedLinks { get; set; }

    public IReadOnlyList<string> AssociatedSystems { get; set; }

    public string Comment { get; set; }

    public string ConsoleUri { get; set; }

    public string Contact { get; set; }

    public string CustomerId { get; set; }

    /// <summary>Update_In_Progress, Update_Success, Update_Failed, Delete_In_Progress, Delete_Failed, ...</summary>
    public string EditStatus { get; set; }

    public string Fqdn { get; set; }

    public long Generation { get; set; }

    public IReadOnlyList<HostGroupSummaryObject> HostGroups { get; set; }

    public string Id { get; set; }

    public IReadOnlyList<InitiatorSummary> Initiators { get; set; }

    public string IpAddress { get; set; }

    public string Location { get; set; }

    public bool MarkedForDelete { get; set; }

    public string Model { get; set; }

    public string Name { get; set; }

    public string OperatingSystem { get; set; }

    public string Persona { get; set; }

    /// <summary>FC, iSCSI or NVMe.</summary>
    public string Protocol { get; set; }

    public string Subnet { get; set; }

    public IReadOnlyList<string> Systems { get; set; }

    public string Type { get; set; }

    public bool UserCreated { get; set; }
}

/// <summary>Spec schema <c>HostObject</c>: items of <c>HostsList</c> and the 200 body of a host create.</summary>
public sealed class HostObject : HostProperties
{
    public bool IsMergable { get; set; }
}

/// <summary>Spec schema <c>HostDetails</c>: <c>GET /api/v1/host-initiators/{hostId}</c>.</summary>
public sealed class HostDetails : HostProperties
{
    public string RequestUri { get; set; }
}

/// <summary>Properties <c>HostGroupObject</c> and <c>HostGroupDetails</c> share.</summary>
public abstract class HostGroupProperties
{
    public IReadOnlyList<AssociatedLink> AssociatedLinks { get; set; }

    public IReadOnlyList<string> AssociatedSystems { get; set; }

    public string Comment { get; set; }

    public string ConsoleUri { get; set; }

    public string CustomerId { get; set; }

    public string EditStatus { get; set; }

    public long Generation { get; set; }

    public IReadOnlyList<HostSummaryForHSObject> Hosts { get; set; }

    public string Id { get; set; }

    public bool MarkedForDelete { get; set; }

    public string Name { get; set; }

    public IReadOnlyList<string> Systems { get; set; }

    public string Type { get; set; }

    public bool UserCreated { get; set; }
}

/// <summary>Spec schema <c>HostGroupObject</c>: items of <c>HostGroupsList</c> and the 200 body of a create.</summary>
public sealed class HostGroupObject : HostGroupProperties
{
    public bool IsMergable { get; set; }
}

/// <summary>Spec schema <c>HostGroupDetails</c>: <c>GET /api/v1/host-initiator-groups/{hostGroupId}</c>.</summary>
public sealed class HostGroupDetails : HostGroupProperties
{
    public string RequestUri { get; set; }
}

/// <summary>
/// Spec schema <c>Initiator</c>: items of <c>InitiatorList</c> and the 200 body of an initiator create.
/// <c>InitiatorDetails</c> adds <c>requestUri</c>.
/// </summary>
public class Initiator
{
    public string Address { get; set; }

    public IReadOnlyList<AssociatedLink> AssociatedLinks { get; set; }

    public string CustomerId { get; set; }

    public string DriverVersion { get; set; }

    public string FirmwareVersion { get; set; }

    public long Generation { get; set; }

    public string HbaModel { get; set; }

    public long? HostSpeed { get; set; }

    public IReadOnlyList<HostSummaryForInitiatorObject> Hosts { get; set; }

    public string Id { get; set; }

    public string IpAddress { get; set; }

    public string Name { get; set; }

    public string Protocol { get; set; }

    public IReadOnlyList<string> Systems { get; set; }

    public string Type { get; set; }

    public string Vendor { get; set; }
}

/// <summary>Spec schema <c>InitiatorDetails</c>: <c>GET /api/v1/initiators/{initiatorId}</c>.</summary>
public sealed class InitiatorDetails : Initiator
{
    public string RequestUri { get; set; }
}

/// <summary>Spec schema <c>DeleteInitiator</c>: the 200 body of <c>DELETE /api/v1/initiators/{id}</c>.</summary>
public sealed record DeleteInitiatorResult(bool DeleteInitiator);

/// <summary>Spec schema <c>HostGroupSummaryObject</c>: a host's groups.</summary>
public sealed record HostGroupSummaryObject(
    string Id, bool MarkedForDelete, string Name, IReadOnlyList<string> Systems, bool UserCreated);

/// <summary>Spec schema <c>InitiatorSummary</c>: a host's initiators.</summary>
public sealed record InitiatorSummary(
    string Address, string Id, string IpAddress, string Name, string Protocol, IReadOnlyList<string> Systems);

/// <summary>Spec schema <c>HostSummaryForHSObject</c>: a host group's hosts.</summary>
public sealed record HostSummaryForHSObject(
    string Id,
    IReadOnlyList<InitiatorSummary> Initiators,
    string IpAddress,
    bool MarkedForDelete,
    string Name,
    IReadOnlyList<string> Systems,
    bool UserCreated);

/// <summary>Spec schema <c>HostSummaryForInitiatorObject</c>: an initiator's hosts.</summary>
public sealed record HostSummaryForInitiatorObject(
    IReadOnlyList<HostGroupSummaryObject> HostGroups,
    string Id,
    string IpAddress,
    bool MarkedForDelete,
    string Name,
    IReadOnlyList<string> Systems,
    bool UserCreated);
