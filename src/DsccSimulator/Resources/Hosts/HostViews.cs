using DsccSimulator.Resources.Common;
using DsccSimulator.Store;

namespace DsccSimulator.Resources.Hosts;

/// <summary>Self and console links of fleet hosts, host groups and initiators.</summary>
public static class HostUris
{
    public const string Hosts = ResourceUris.Api + "/host-initiators";

    public const string Groups = ResourceUris.Api + "/host-initiator-groups";

    public const string Initiators = ResourceUris.Api + "/initiators";

    public static string Host(string id) => $"{Hosts}/{id}";

    public static string Group(string id) => $"{Groups}/{id}";

    public static string Initiator(string id) => $"{Initiators}/{id}";

    // The spec examples give these console links with a leading slash, unlike the storage-system ones.
    public static string ConsoleHost(string id) => $"/data-ops-manager/host-initiators/{id}";

    public static string ConsoleGroup(string id) => $"/data-ops-manager/host-initiator-groups/{id}";
}

/// <summary>
/// Renders hosts, host groups and initiators from one <see cref="HostSnapshot"/>, so every relation shown (a host's
/// groups, a group's hosts, an initiator's hosts) comes from the same instant and always agrees both ways.
/// </summary>
public static class HostViews
{
    public const string HostType = "host-initiator";

    public const string GroupType = "host-initiator-group";

    public const string InitiatorType = "initiator";

    public static HostObject HostItem(FleetHost host, HostSnapshot snapshot, string customerId)
    {
        var item = FillHost(new HostObject(), host, snapshot, customerId);
        item.IsMergable = false;
        return item;
    }

    public static HostDetails HostDetail(FleetHost host, HostSnapshot snapshot, string customerId, string requestUri)
    {
        var detail = FillHost(new HostDetails(), host, snapshot, customerId);
        detail.RequestUri = requestUri;
        return detail;
    }

    public static HostGroupObject GroupItem(FleetHostGroup group, HostSnapshot snapshot, string customerId)
    {
        var item = FillGroup(new HostGroupObject(), group, snapshot, customerId);
        item.IsMergable = false;
        return item;
    }

    public static HostGroupDetails GroupDetail(
        FleetHostGroup group, HostSnapshot snapshot, string customerId, string requestUri)
    {
        var detail = FillGroup(new HostGroupDetails(), group, snapshot, customerId);
        detail.RequestUri = requestUri;
        return detail;
    }

    public static Initiator InitiatorItem(FleetInitiator initiator, HostSnapshot snapshot, string customerId) =>
        FillInitiator(new Initiator(), initiator, snapshot, customerId);

    public static InitiatorDetails InitiatorDetail(
        FleetInitiator initiator, HostSnapshot snapshot, string customerId, string requestUri)
    {
        var detail = FillInitiator(new InitiatorDetails(), initiator, snapshot, customerId);
        detail.RequestUri = requestUri;
        return detail;
    }

    private static T FillHost<T>(T target, FleetHost host, HostSnapshot snapshot, string customerId)
        where T : HostProperties
    {
        var systems = snapshot.SystemsOf(host);
        var groups = snapshot.GroupsOf(host);
        var initiators = snapshot.InitiatorsOf(host).ToList();

        target.AssociatedLinks =
        [
            .. groups.Select(g => new AssociatedLink(HostUris.Group(g.Id), "host-initiator-groups")),
            .. initiators.Select(i => new AssociatedLink(HostUris.Initiator(i.Id), "initiators")),
            .. SystemLinks(systems),
        ];
        target.AssociatedSystems = systems;
        target.Comment = host.Comment;
        target.ConsoleUri = HostUris.ConsoleHost(host.Id);
        target.Contact = host.Contact;
        target.CustomerId = customerId;
        target.EditStatus = host.EditStatus;
        target.Fqdn = host.Fqdn;
        target.Generation = host.Generation;
        target.HostGroups = groups.Select(g => GroupSummary(g, snapshot)).ToList();
        target.Id = host.Id;
        target.Initiators = initiators.Select(InitiatorSummaryOf).ToList();
        target.IpAddress = host.IpAddress;
        target.Location = host.Location;
        target.MarkedForDelete = host.MarkedForDelete;
        target.Model = host.Model;
        target.Name = host.Name;
        target.OperatingSystem = host.OperatingSystem;
        target.Persona = host.Persona;
        target.Protocol = host.Protocol;
        target.Subnet = host.Subnet;
        target.Systems = systems;
        target.Type = HostType;
        target.UserCreated = host.UserCreated;
        return target;
    }

    private static T FillGroup<T>(T target, FleetHostGroup group, HostSnapshot snapshot, string customerId)
        where T : HostGroupProperties
    {
        var systems = snapshot.SystemsOf(group);
        var hosts = snapshot.HostsOf(group).ToList();

        target.AssociatedLinks =
        [
            .. hosts.Select(h => new AssociatedLink(HostUris.Host(h.Id), "host-initiators")),
            .. SystemLinks(systems),
        ];
        target.AssociatedSystems = systems;
        target.Comment = group.Comment;
        target.ConsoleUri = HostUris.ConsoleGroup(group.Id);
        target.CustomerId = customerId;
        target.EditStatus = group.EditStatus;
        target.Generation = group.Generation;
        target.Hosts = hosts.Select(h => new HostSummaryForHSObject(
            h.Id,
            snapshot.InitiatorsOf(h).Select(InitiatorSummaryOf).ToList(),
            h.IpAddress,
            h.MarkedForDelete,
            h.Name,
            snapshot.SystemsOf(h),
            h.UserCreated)).ToList();
        target.Id = group.Id;
        target.MarkedForDelete = group.MarkedForDelete;
        target.Name = group.Name;
        target.Systems = systems;
        target.Type = GroupType;
        target.UserCreated = group.UserCreated;
        return target;
    }

    private static T FillInitiator<T>(T target, FleetInitiator initiator, HostSnapshot snapshot, string customerId)
        where T : Initiator
    {
        var hosts = snapshot.HostsOf(initiator);

        target.Address = initiator.Address;
        target.AssociatedLinks =
        [
            .. hosts.Select(h => new AssociatedLink(HostUris.Host(h.Id), "host-initiators")),
            .. SystemLinks(initiator.Systems),
        ];
        target.CustomerId = customerId;
        target.DriverVersion = initiator.DriverVersion;
        target.FirmwareVersion = initiator.FirmwareVersion;
        target.Generation = initiator.Generation;
        target.HbaModel = initiator.HbaModel;
        target.HostSpeed = initiator.HostSpeed;
        target.Hosts = hosts.Select(h => new HostSummaryForInitiatorObject(
            snapshot.GroupsOf(h).Select(g => GroupSummary(g, snapshot)).ToList(),
            h.Id,
            h.IpAddress,
            h.MarkedForDelete,
            h.Name,
            snapshot.SystemsOf(h),
            h.UserCreated)).ToList();
        target.Id = initiator.Id;
        target.IpAddress = initiator.IpAddress;
        target.Name = initiator.Name;
        target.Protocol = initiator.Protocol;
        target.Systems = initiator.Systems;
        target.Type = InitiatorType;
        target.Vendor = initiator.Vendor;
        return target;
    }

    private static HostGroupSummaryObject GroupSummary(FleetHostGroup group, HostSnapshot snapshot) =>
        new(group.Id, group.MarkedForDelete, group.Name, snapshot.SystemsOf(group), group.UserCreated);

    private static InitiatorSummary InitiatorSummaryOf(FleetInitiator initiator) =>
        new(initiator.Address, initiator.Id, initiator.IpAddress, initiator.Name, initiator.Protocol,
            initiator.Systems);

    private static IEnumerable<AssociatedLink> SystemLinks(IEnumerable<string> systemIds) =>
        systemIds.Select(id => new AssociatedLink(ResourceUris.GenericSystem(id), "systems"));
}
