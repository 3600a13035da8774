using DsccSimulator.Cli;

namespace DsccSimulator.Store;

/// <summary>
/// Builds the starting fleet: two Primera (device-type1), one Nimble (device-type2) and one Alletra MP
/// (device-type4) system with their CPGs/pools and <c>--volumes</c> volumes. Everything comes from one seeded
/// <see cref="Random"/> and a fixed clock, so the same seed gives byte-identical responses on every run.
/// </summary>
public static class SeedData
{
    private const long MiBPerTiB = 1024L * 1024;

    /// <summary>Fixed "now" of the seeded fleet; seeded timestamps never depend on when the simulator starts.</summary>
    public static readonly DateTimeOffset SeedEpoch = new(2024, 6, 3, 9, 0, 0, TimeSpan.Zero);

    private sealed record PoolTemplate(string Name, long BaseTiB, string RaidType, string SetSize, string DriveType);

    private static readonly PoolTemplate RaidSixSsd =
        new("SSD_r6", 96, "RAID_SIX", "6 data, 2 parity", "DEVICE_TYPE_SSD");

    private static readonly PoolTemplate RaidOneSsd = new("SSD_r1", 24, "RAID_ONE", "2 mirrors", "DEVICE_TYPE_SSD");

    private static readonly PoolTemplate RaidFiveFc =
        new("FC_r5", 48, "RAID_FIVE", "3 data, 1 parity", "DEVICE_TYPE_FC");

    private static readonly PoolTemplate[] PrimeraCpgs = [RaidSixSsd, RaidOneSsd, RaidFiveFc];

    private static readonly PoolTemplate[] AlletraMpCpgs =
        [RaidSixSsd with { BaseTiB = 128 }, RaidOneSsd with { BaseTiB = 32 }];

    private static readonly PoolTemplate[] NimblePools =
        [new("default", 64, null, null, null), new("archive", 128, null, null, null)];

    // Volume sizes are powers of two from 1 GiB to 1 TiB, weighted towards the 16-128 GiB range real fleets show.
    private static readonly int[] SizeExponentWeights = [2, 3, 5, 8, 12, 14, 12, 8, 5, 3, 2];

    public static FleetStore Create(SimulatorOptions options)
    {
        var random = new Random(options.Seed);
        var ids = new IdFactory(random);
        var customerId = ids.Hex(32);

        var systems = CreateSystems(ids, random);
        var pools = systems.SelectMany(system => CreatePools(system, ids)).ToList();

        // Ids of volumes created at runtime come from their own generator so seeding more volumes
        // does not change them, and creating volumes does not disturb the seeded ones.
        var store = new FleetStore(customerId, systems, pools, new IdFactory(new Random(options.Seed ^ 0x5EED)));
        AddVolumes(store, options.Volumes, ids, random);
        SizePools(pools);
        HostSeedData.AttachTo(store, options.Seed);
        VolumeSetSeedData.AddTo(store, options.Seed);
        return store;
    }

    private static List<StorageSystem> CreateSystems(IdFactory ids, Random random)
    {
        var primeraIds = new HashSet<string>();
        while (primeraIds.Count < 2)
        {
            primeraIds.Add(ids.PrimeraSerial());
        }

        var primera = primeraIds.ToArray();
        var nimbleGroup = ids.Hex(16);

        return
        [
            Primera(primera[0], "Primera-Lab-01", "HPE Primera 630", "sys_type-73", ids, random, 11),
            Primera(primera[1], "Primera-Lab-02", "HPE Primera 650", "sys_type-74", ids, random, 12),
            new StorageSystem
            {
                Id = IdFactory.NimbleObjectId("00", nimbleGroup, 1),
                Name = "Nimble-Prod-01",
                DeviceType = DeviceType.DeviceType2,
                Model = "AF40",
                SoftwareVersion = "6.1.2.300-1034420-opt",
                SerialNumber = $"AF-{random.Next(100_000, 1_000_000)}",
                ManagementIp = "10.20.30.21",
                Fqdn = "nimble-prod-01.lab.example.com",
                TierType = "STORAGE_TIER_NIMBLE_AFA",
                Location = "Rack B07",
                UpSince = SeedEpoch.AddDays(-61),
                Generation = SeedEpoch.AddDays(-61).ToUnixTimeSeconds(),
                NodeCount = 2,
            },
            new StorageSystem
            {
                Id = ids.FactorySerial(),
                Name = "AlletraMP-01",
                DeviceType = DeviceType.DeviceType4,
                Model = "HPE Alletra Storage MP B10000",
                ModelKey = "sys_type-90",
                SoftwareVersion = "10.4.5",
                SystemWwn = ids.SystemWwn(),
                SerialNumber = $"CZ{random.Next(10_000_000, 100_000_000)}",
                ManagementIp = "10.20.30.31",
                Fqdn = "alletramp-01.lab.example.com",
                TierType = "STORAGE_TIER_10020_MP",
                Location = "Rack C02",
                UpSince = SeedEpoch.AddDays(-17),
                Generation = SeedEpoch.AddDays(-17).ToUnixTimeSeconds(),
                NodeCount = 4,
            },
        ];
    }

    private static StorageSystem Primera(
        string id, string name, string model, string modelKey, IdFactory ids, Random random, int ipSuffix) =>
        new()
        {
            Id = id,
            Name = name,
            DeviceType = DeviceType.DeviceType1,
            Model = model,
            ModelKey = modelKey,
            SoftwareVersion = "4.5.21",
            SystemWwn = ids.SystemWwn(),
            SerialNumber = id,
            ManagementIp = $"10.20.30.{ipSuffix}",
            Fqdn = $"{name.ToLowerInvariant()}.lab.example.com",
            TierType = "STORAGE_TIER_600_AFA",
            Location = $"Rack A{ipSuffix:D2}",
            UpSince = SeedEpoch.AddDays(-random.Next(30, 400)),
            Generation = SeedEpoch.AddDays(-3).ToUnixTimeSeconds(),
            NodeCount = 2,
        };

    private static IEnumerable<StoragePool> CreatePools(StorageSystem system, IdFactory ids)
    {
        var templates = system.DeviceType switch
        {
            DeviceType.DeviceType1 => PrimeraCpgs,
            DeviceType.DeviceType4 => AlletraMpCpgs,
            _ => NimblePools,
        };

        var index = 0;
        foreach (var template in templates)
        {
            index++;
            yield return new StoragePool
            {
                Id = system.DeviceType.UsesCpgs()
                    ? ids.Hex(32)
                    : IdFactory.NimbleObjectId("0a", system.Id[2..18], index),
                Name = template.Name,
                SystemId = system.Id,
                DeviceType = system.DeviceType,
                Number = index,
                RaidType = template.RaidType,
                SetSize = template.SetSize,
                DriveType = template.DriveType,
                IsDefault = template.Name == "default",
                Generation = system.Generation,
                TotalMiB = template.BaseTiB * MiBPerTiB,
            };
        }
    }

    private static void AddVolumes(FleetStore store, int count, IdFactory ids, Random random)
    {
        var systems = store.Systems;
        var numberBySystem = systems.ToDictionary(s => s.Id, _ => 0L);
        var weightTotal = SizeExponentWeights.Sum();

        for (var i = 1; i <= count; i++)
        {
            var system = systems[(i - 1) % systems.Count];
            var number = ++numberBySystem[system.Id];
            var pools = store.PoolsOf(system.Id);
            var pool = pools[(int)((number - 1) % pools.Count)];
            var sizeMiB = 1024L << PickWeighted(random, SizeExponentWeights, weightTotal);
            var usedMiB = (long)(sizeMiB * (0.05 + (random.NextDouble() * 0.8)));
            var createdAt = SeedEpoch.AddMinutes(-7L * (count - i) - random.Next(0, 7));
            var isNimble = system.DeviceType == DeviceType.DeviceType2;
            var serial = isNimble ? IdFactory.NimbleSerial(system.Id[2..18], ids.Hex(10)) : null;

            store.AddSeedVolume(new Volume
            {
                Id = isNimble ? IdFactory.NimbleObjectId("06", system.Id[2..18], number) : ids.Hex(32),
                Name = $"vol-{i:D4}",
                SystemId = system.Id,
                DeviceType = system.DeviceType,
                PoolId = pool.Id,
                SizeMiB = sizeMiB,
                UsedMiB = usedMiB,
                Wwn = isNimble
                    ? IdFactory.NimbleVolumeWwn(serial)
                    : IdFactory.PrimeraVolumeWwn(number, system.SystemWwn),
                VolumeNumber = number,
                SerialNumber = serial,
                DataReduction = random.Next(2) == 0,
                HealthState = random.Next(50) == 0 ? "DEGRADED" : "NORMAL",
                CreatedAt = createdAt,
                Generation = createdAt.ToUnixTimeSeconds(),
            });
        }
    }

    /// <summary>Grows a pool when the seeded volumes would otherwise leave it (nearly) full.</summary>
    private static void SizePools(IEnumerable<StoragePool> pools)
    {
        foreach (var pool in pools)
        {
            var needed = (long)(pool.UsedMiB * 1.6);
            if (needed > pool.TotalMiB)
            {
                pool.TotalMiB = (needed + MiBPerTiB - 1) / MiBPerTiB * MiBPerTiB;
            }
        }
    }

    private static int PickWeighted(Random random, int[] weights, int total)
    {
        var roll = random.Next(total);
        for (var i = 0; i < weights.Length; i++)
        {
            roll -= weights[i];
            if (roll < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }
}
