using System.Text.Json;
using DsccSimulator.Errors;
using DsccSimulator.Store;
using static DsccSimulator.Resources.Common.JsonBodyFields;

namespace DsccSimulator.Resources.Hosts;

/// <summary>
/// Turns schema-valid <c>InitiatorInput</c>, <c>CreateHostInput</c>, <c>CreateHostGroupInput</c>,
/// <c>UpdateHostInput</c> and <c>UpdateHostGroupInput</c> bodies into plans, with the checks the schema cannot
/// express (400): no blank names, a known operating system and protocol, an address that fits its protocol.
/// Everything that needs the inventory (duplicates, unknown ids) is the inventory's job.
/// </summary>
public static class HostRequests
{
    public static InitiatorPlan Initiator(JsonElement body, string path = "")
    {
        var protocol = Protocol(body, path)
            ?? throw ApiException.BadRequest($"Property '{path}protocol' is required.");
        var address = NonBlank(body, "address", path)
            ?? throw ApiException.BadRequest($"Property '{path}address' is required.");
        var normalized = HostCatalog.NormalizeAddress(protocol, address)
            ?? throw ApiException.BadRequest(
                $"Property '{path}address' ('{address}') must be {HostCatalog.AddressRule(protocol)} for {protocol}.");

        var speed = Int64(body, "hostSpeed");
        if (speed is < 0)
        {
            throw ApiException.BadRequest($"Property '{path}hostSpeed' must not be negative, not {speed}.");
        }

        return new InitiatorPlan
        {
            Address = normalized,
            Protocol = protocol,
            Name = NonBlank(body, "name", path),
            IpAddress = NonBlank(body, "ipAddress", path),
            HbaModel = String(body, "hbaModel"),
            DriverVersion = String(body, "driverVersion"),
            FirmwareVersion = String(body, "firmwareVersion"),
            Vendor = String(body, "vendor"),
            HostSpeed = speed,
        };
    }

    public static HostPlan Host(JsonElement body, string path = "")
    {
        var name = NonBlank(body, "name", path)
            ?? throw ApiException.BadRequest($"Property '{path}name' is required.");
        var sentOs = String(body, "operatingSystem")
            ?? throw ApiException.BadRequest($"Property '{path}operatingSystem' is required.");
        var operatingSystem = HostCatalog.CanonicalOperatingSystem(sentOs)
            ?? throw ApiException.BadRequest($"Property '{path}operatingSystem' must be one of "
                + $"{string.Join(", ", HostCatalog.OperatingSystems)}; not '{sentOs}'.");

        return new HostPlan
        {
            Name = name,
            OperatingSystem = operatingSystem,
            Persona = NonBlank(body, "persona", path),
            Protocol = Protocol(body, path),
            Comment = String(body, "comment"),
            Contact = String(body, "contact"),
            Fqdn = NonBlank(body, "fqdn", path),
            IpAddress = NonBlank(body, "ipAddress", path),
            Location = String(body, "location"),
            Model = String(body, "model"),
            Subnet = NonBlank(body, "subnet", path),
            HostGroupIds = Strings(body, "hostGroupIds", path) ?? [],
            InitiatorIds = Strings(body, "initiatorIds", path) ?? [],
            InitiatorsToCreate = Objects(body, "initiatorsToCreate", path).Select(o => Initiator(o.Element, o.Path))
                .ToList(),
        };
    }

    public static HostGroupPlan Group(JsonElement body) => new()
    {
        Name = NonBlank(body, "name", "") ?? throw ApiException.BadRequest("Property 'name' is required."),
        Comment = String(body, "comment"),
        HostIds = Strings(body, "hostIds", "") ?? [],
        HostsToCreate = Objects(body, "hostsToCreate", "").Select(o => Host(o.Element, o.Path)).ToList(),
    };

    public static HostUpdatePlan HostUpdate(JsonElement body) => new()
    {
        Name = NonBlank(body, "name", ""),
        ReplacementInitiatorIds = Strings(body, "updatedInitiators", ""),
        InitiatorsToCreate = Objects(body, "initiatorsToCreate", "").Select(o => Initiator(o.Element, o.Path))
            .ToList(),
    };

    public static HostGroupUpdatePlan GroupUpdate(JsonElement body) => new()
    {
        Name = NonBlank(body, "name", ""),
        AddedHostIds = Strings(body, "updatedHosts", "") ?? [],
        RemovedHostIds = Strings(body, "removedHosts", "") ?? [],
        HostsToCreate = Objects(body, "hostsToCreate", "").Select(o => Host(o.Element, o.Path)).ToList(),
        ProximityHostIds = Objects(body, "hostProximityValues", "")
            .Select(o => NonBlank(o.Element, "hostId", o.Path)
                ?? throw ApiException.BadRequest($"Property '{o.Path}hostId' is required."))
            .ToList(),
    };

    private static string Protocol(JsonElement body, string path)
    {
        var sent = String(body, "protocol");
        return sent is null
            ? null
            : HostCatalog.CanonicalProtocol(sent)
                ?? throw ApiException.BadRequest($"Property '{path}protocol' must be FC, iSCSI or NVMe, not '{sent}'.");
    }
}
