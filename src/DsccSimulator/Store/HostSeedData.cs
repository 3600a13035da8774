using System.Globalization;

namespace DsccSimulator.Store;

/// <summary>
/// The starting hosts: an ESXi cluster and an Oracle server on FC (seen by the Primeras and the Alletra MP), SQL
/// Server and a Linux application server on iSCSI (seen by the Nimble), a discovered Windows backup server, and one
/// FC port no host claims yet. Names are fixed; ids and WWNs come from their own generator, so seeding hosts does
/// not change the ids of anything seeded before them.
/// </summary>
public static class HostSeedData
{
    private const int SeedSalt = 0x4057;

    private const int RuntimeSalt = 0x4058;

    private sealed record SeedInitiator(string Address, string Protocol, string HbaModel, string Vendor, long Speed);

    private sealed record SeedHost(
        string Name, string OperatingSystem, string Model, string IpAddress, bool UserCreated, SeedInitiator[] Ports,
        DeviceType[] SeenBy);

    public static void AttachTo(FleetStore store, int seed)
    {
        var random = new Random(seed ^ SeedSalt);
        var ids = new IdFactory(random);
        var inventory = new HostInventory(new IdFactory(new Random(seed ^ RuntimeSalt)));
        var generation = SeedData.SeedEpoch.AddDays(-2).ToUnixTimeSeconds();

        var hostIdsByName = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var seedHost in Hosts(random))
        {
            var systems = store.Systems.Where(s => seedHost.SeenBy.Contains(s.DeviceType)).Select(s => s.Id).ToList();
            var initiatorIds = new List<string>();
            foreach (var port in seedHost.Ports)
            {
                var initiator = NewInitiator(ids, port, systems, generation);
                inventory.AddSeed(initiator with { Name = $"{seedHost.Name}-port{initiatorIds.Count + 1}" });
                initiatorIds.Add(initiator.Id);
            }

            var host = new FleetHost
            {
                Id = ids.Hex(32),
                Name = seedHost.Name,
                OperatingSystem = seedHost.OperatingSystem,
                Persona = HostCatalog.DefaultPersona(seedHost.OperatingSystem),
                Protocol = seedHost.Ports[0].Protocol,
                Comment = seedHost.UserCreated ? "Managed by the platform team" : null,
                Contact = seedHost.UserCreated ? "storage-admins@example.com" : null,
                Fqdn = $"{seedHost.Name}.lab.example.com",
                IpAddress = seedHost.IpAddress,
                Location = "Lab DC1",
                Model = seedHost.Model,
                Subnet = "255.255.255.0",
                UserCreated = seedHost.UserCreated,
                InitiatorIds = initiatorIds,
                Generation = generation,
            };
            inventory.AddSeed(host);
            hostIdsByName.Add(host.Name, host.Id);
        }

        // Seen on the Alletra MP's fabric, not yet given to a host: what a new server looks like before setup.
        var spare = new SeedInitiator(QlogicWwn(random), HostCatalog.Fc, "SN1610Q", "QLogic", 16000);
        var alletraMp = store.Systems.Where(s => s.DeviceType == DeviceType.DeviceType4).Select(s => s.Id).ToList();
        inventory.AddSeed(NewInitiator(ids, spare, alletraMp, generation));

        AddGroup(inventory, ids, generation, "esx-cluster-prod", "Production vSphere cluster",
            [hostIdsByName["esx-prod-01"], hostIdsByName["esx-prod-02"]]);
        AddGroup(inventory, ids, generation, "oracle-prod", "Oracle production databases",
            [hostIdsByName["ora-db-01"]]);
        AddGroup(inventory, ids, generation, "sql-prod", "SQL Server production", [hostIdsByName["sql-prod-01"]]);
        AddGroup(inventory, ids, generation, "linux-app", null, [hostIdsByName["rhel-app-01"]]);

        store.AttachHosts(inventory);
    }

    private static SeedHost[] Hosts(Random random) =>
    [
        new("esx-prod-01", "VMware (ESXi)", "ProLiant DL380 Gen10 Plus", "10.20.40.11", true,
            [Fc(QlogicWwn(random)), Fc(QlogicWwn(random))], [DeviceType.DeviceType1, DeviceType.DeviceType4]),
        new("esx-prod-02", "VMware (ESXi)", "ProLiant DL380 Gen10 Plus", "10.20.40.12", true,
            [Fc(QlogicWwn(random)), Fc(QlogicWwn(random))], [DeviceType.DeviceType1, DeviceType.DeviceType4]),
        new("ora-db-01", "RHE Linux", "ProLiant DL560 Gen10", "10.20.40.21", true,
            [Fc(EmulexWwn(random)), Fc(EmulexWwn(random))], [DeviceType.DeviceType1]),
        new("sql-prod-01", "Windows Server", "ProLiant DL360 Gen10", "10.20.40.31", true,
            [Iscsi("iqn.1991-05.com.microsoft:sql-prod-01.lab.example.com")], [DeviceType.DeviceType2]),
        new("rhel-app-01", "RHE Linux", "ProLiant DL360 Gen10", "10.20.40.41", true,
            [Iscsi($"iqn.1994-05.com.redhat:{Hex(random, 12)}")], [DeviceType.DeviceType2]),
        new("win-backup-01", "Windows Server", "ProLiant DL380 Gen10", "10.20.40.51", false,
            [Fc(EmulexWwn(random))], [DeviceType.DeviceType1]),
    ];

    private static SeedInitiator Fc(string wwn) => new(wwn, HostCatalog.Fc, "SN1610Q", "HPE", 32000);

    private static SeedInitiator Iscsi(string iqn) => new(iqn, HostCatalog.Iscsi, "Ethernet 25Gb 2-port", "HPE", 25000);

    // Port WWNs with the OUIs real HBAs carry: QLogic 00:24:FF (21:00 prefix) and Emulex 00:00:C9 (10:00 prefix).
    private static string QlogicWwn(Random random) => "21000024FF" + Hex(random, 6).ToUpperInvariant();

    private static string EmulexWwn(Random random) => "10000000C9" + Hex(random, 6).ToUpperInvariant();

    private static string Hex(Random random, int digits) =>
        string.Concat(Enumerable.Range(0, digits)
            .Select(_ => random.Next(16).ToString("x", CultureInfo.InvariantCulture)));

    private static FleetInitiator NewInitiator(
        IdFactory ids, SeedInitiator port, List<string> systems, long generation) =>
        new()
        {
            Id = ids.Hex(32),
            Address = port.Address,
            Protocol = port.Protocol,
            Name = null,
            IpAddress = null,
            HbaModel = port.HbaModel,
            DriverVersion = port.Protocol == HostCatalog.Fc ? "10.8.1056.5" : "6.3.9600",
            FirmwareVersion = port.Protocol == HostCatalog.Fc ? "9.08.02" : "227.0.0",
            Vendor = port.Vendor,
            HostSpeed = port.Speed,
            Systems = systems,
            Generation = generation,
        };

    private static void AddGroup(
        HostInventory inventory, IdFactory ids, long generation, string name, string comment, List<string> hostIds) =>
        inventory.AddSeed(new FleetHostGroup
        {
            Id = ids.Hex(32),
            Name = name,
            Comment = comment,
            UserCreated = true,
            HostIds = hostIds,
            Generation = generation,
        });
}
