using DsccSimulator.Resources.Common;
using DsccSimulator.Store;

namespace DsccSimulator.Resources.Systems;

/// <summary>Builds the spec's storage-system schemas from a <see cref="StorageSystem"/>.</summary>
public static class SystemViews
{
    private const long BytesPerMiB = 1024 * 1024;

    public static StorageSystemDetailList GenericListItem(StorageSystem system, FleetStore store) =>
        FillGeneric(new StorageSystemDetailList(), system, store);

    public static StorageSystemDetail GenericDetail(StorageSystem system, FleetStore store, string requestUri)
    {
        var detail = FillGeneric(new StorageSystemDetail(), system, store);
        detail.ConsoleUri = ResourceUris.ConsoleSystem(system);
        detail.Fqdn = system.Fqdn;
        detail.RequestUri = requestUri;
        return detail;
    }

    public static PrimeraStorageSystemDetailList PrimeraListItem(StorageSystem system, FleetStore store)
    {
        var item = FillPrimeraLineage(new PrimeraStorageSystemDetailList(), system, store);
        item.OverallState = "NORMAL";
        return item;
    }

    public static PrimeraStorageSystemDetail PrimeraDetail(StorageSystem system, FleetStore store, string requestUri)
    {
        var detail = FillPrimeraLineage(new PrimeraStorageSystemDetail(), system, store);
        detail.ConsoleUri = ResourceUris.ConsoleSystem(system);
        detail.Fqdn = system.Fqdn;
        detail.RequestUri = requestUri;
        return detail;
    }

    public static ArcusStorageSystemDetailList ArcusListItem(StorageSystem system, FleetStore store)
    {
        var item = FillPrimeraLineage(new ArcusStorageSystemDetailList(), system, store);
        item.OverallState = "NORMAL";
        item.OverallStateDescription = "";
        return item;
    }

    public static ArcusStorageSystemDetail ArcusDetail(StorageSystem system, FleetStore store, string requestUri)
    {
        var detail = FillPrimeraLineage(new ArcusStorageSystemDetail(), system, store);
        detail.ConsoleUri = ResourceUris.ConsoleSystem(system);
        detail.Fqdn = system.Fqdn;
        detail.RequestUri = requestUri;
        return detail;
    }

    public static NimbleStorageSystemDetail NimbleListItem(StorageSystem system, FleetStore store) =>
        FillNimble(new NimbleStorageSystemDetail(), system, store);

    public static NimbleStorageSystemDetailsWithRequestUri NimbleDetail(
        StorageSystem system, FleetStore store, string requestUri)
    {
        var detail = FillNimble(new NimbleStorageSystemDetailsWithRequestUri(), system, store);
        detail.RequestUri = requestUri;
        return detail;
    }

    private static T FillGeneric<T>(T target, StorageSystem system, FleetStore store)
        where T : StorageSystemDetailList
    {
        target.ArrayList = system.DeviceType == DeviceType.DeviceType2
            ? [new NimbleArraySummary(system.Model, NimbleArrayName(system))]
            : null;
        target.AssociatedLinks = GenericLinks(system.Id);
        target.CallhomeStatus = "ENABLED_NORMAL";
        target.CollectionStatus = new CollectionStatus(new StatusValue("NORMAL"), new StatusValue("NORMAL"), "NORMAL");
        target.ConnectionStatus = "CONNECTED";
        target.CustomerId = store.CustomerId;
        target.Description = $"{system.Model} in {system.Location}";
        target.Generation = system.Generation;
        target.Id = system.Id;
        target.LastConnectedTime = SeedData.SeedEpoch.ToUnixTimeMilliseconds();
        target.MgmtIp = system.ManagementIp;
        target.Model = system.Model;
        target.Name = system.Name;
        target.ProductFamily = system.DeviceType.ProductFamily();
        target.ResourceUri = ResourceUris.GenericSystem(system.Id);
        target.SoftwareVersion = system.SoftwareVersion;
        target.State = "NORMAL";
        target.SystemWwn = system.SystemWwn;
        target.TierType = system.TierType;
        target.Type = "storage-system";
        target.UpSince = system.UpSince.ToUnixTimeMilliseconds();
        return target;
    }

    private static T FillPrimeraLineage<T>(T target, StorageSystem system, FleetStore store)
        where T : PrimeraLineageSystemFields
    {
        var nodes = Enumerable.Range(0, system.NodeCount).ToList();
        var baseVersion = string.Join('.', system.SoftwareVersion.Split('.').Take(3));
        var perType = ResourceUris.PerTypeSystem(system);

        target.AssociatedLinks =
        [
            new AssociatedLink($"{perType}/capacity-summary", "system capacity"),
            new AssociatedLink($"{perType}/storage-pools", "storage-pools"),
            new AssociatedLink($"{perType}/volumes", "volumes"),
        ];
        target.CenterplaneType = $"{system.NodeCount} Node Centerplane";
        target.ChunkletSizeMiB = 1024;
        target.ClusterLed = "LED_GREEN";
        target.CustomerId = store.CustomerId;
        target.Descriptors = new SystemDescriptors("Managed by the DSCC simulator", "Storage Team, storage@example.com",
            system.Location, "Storage Team");
        target.DeviceId = 100_000 + Math.Abs(system.Id.GetStableHash() % 900_000);
        target.DeviceType = new MessageKey(system.ModelKey, system.Model);
        target.DisplayName = $"System {system.Name}";
        target.Generation = system.Generation;
        target.Id = system.Id;
        target.InClusterNodes = nodes;
        target.IsFipsEnabled = false;
        target.LocateEnabled = false;
        target.Manufacturing = new SystemManufacturing(system.Model, "HPE", system.Model, system.SerialNumber);
        target.MasterNode = 0;
        target.MinimumPasswordLength = 8;
        target.Name = system.Name;
        target.NetworkMasterNode = 0;
        target.NodeMemory = "256";
        target.NodesCount = system.NodeCount;
        target.NodesPresent = nodes;
        target.OnlineNodes = nodes;
        target.ResourceUri = perType;
        target.SafeToRemove = false;
        target.SoftwareVersions = new SoftwareVersions(baseVersion, system.SoftwareVersion, "", "");
        target.State = new OverallState("STATE_NORMAL", []);
        target.SystemDate = SeedData.SeedEpoch.ToUnixTimeSeconds();
        target.SystemWwn = system.SystemWwn;
        target.Timezone = "Etc/UTC";
        target.Type = "storage-system";
        target.Uptime = new CalendarTime(system.UpSince.ToUnixTimeMilliseconds(), "UTC");
        target.Version = new SystemVersion(baseVersion, baseVersion, system.SoftwareVersion, system.SoftwareVersion);
        return target;
    }

    private static T FillNimble<T>(T target, StorageSystem system, FleetStore store)
        where T : NimbleStorageSystemDetail
    {
        var pools = store.PoolsOf(system.Id);
        var totalBytes = pools.Sum(p => p.TotalMiB) * BytesPerMiB;
        var usedBytes = pools.Sum(p => p.UsedMiB) * BytesPerMiB;
        var arrayName = NimbleArrayName(system);

        target.Id = system.Id;
        target.Name = system.Name;
        target.AccessProtocolList = ["iscsi"];
        target.AlarmsEnabled = true;
        target.AssociatedLinks = [new AssociatedLink(ResourceUris.PerTypeSystem(system) + "/volumes", "volumes")];
        target.AutosupportEnabled = true;
        target.CompressionRatio = 1.8;
        target.CustomerId = store.CustomerId;
        target.Date = SeedData.SeedEpoch.ToUnixTimeSeconds();
        target.DedupeRatio = 1.3;
        target.DefaultVolumeLimit = 100;
        target.DefaultVolumeWarnLevel = 80;
        target.DomainName = "lab.example.com";
        target.FcEnabled = false;
        target.FreeSpace = totalBytes - usedBytes;
        target.Generation = system.Generation;
        target.GroupTargetName = $"iqn.2007-11.com.nimblestorage:{system.Name.ToLowerInvariant()}-g{system.Id[2..18]}";
        target.IscsiEnabled = true;
        target.LeaderArrayName = arrayName;
        target.LeaderArraySerial = system.SerialNumber;
        target.MemberList = [arrayName];
        target.NtpServer = "pool.ntp.org";
        target.NumSnaps = 0;
        target.RawCapacity = totalBytes * 3 / 2;
        target.ResourceUri = ResourceUris.PerTypeSystem(system);
        target.Timezone = "Etc/UTC";
        target.UsableCapacityBytes = totalBytes;
        target.Usage = usedBytes;
        target.UsageValid = true;
        target.VersionCurrent = system.SoftwareVersion;
        target.VvolEnabled = false;
        return target;
    }

    private static string NimbleArrayName(StorageSystem system) => system.Name.ToLowerInvariant() + "-a";

    private static List<AssociatedLink> GenericLinks(string systemId) =>
    [
        new(ResourceUris.GenericPools(systemId), "storage-pools"),
        new(ResourceUris.GenericSystem(systemId) + "/volumes", "volumes"),
    ];

    /// <summary>string.GetHashCode is randomised per process; seeded output must not be.</summary>
    private static int GetStableHash(this string text)
    {
        unchecked
        {
            var hash = 17;
            foreach (var c in text)
            {
                hash = (hash * 31) + c;
            }

            return hash;
        }
    }
}
