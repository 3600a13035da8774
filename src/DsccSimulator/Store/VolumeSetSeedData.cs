namespace DsccSimulator.Store;

/// <summary>
/// The starting volume sets: an Oracle application set on Primera-Lab-01, a VMware one on AlletraMP-01 and a SQL
/// Server volume collection on Nimble-Prod-01, each holding the first seeded volumes of its system (fewer, or
/// none, when <c>--volumes</c> is small).
/// </summary>
public static class VolumeSetSeedData
{
    private const int SeedSalt = 0x5E75;

    public static void AddTo(FleetStore store, int seed)
    {
        var ids = new IdFactory(new Random(seed ^ SeedSalt));
        var createdAt = SeedData.SeedEpoch.AddDays(-20);

        foreach (var system in store.Systems.DistinctBy(s => s.DeviceType))
        {
            var (name, members) = system.DeviceType switch
            {
                DeviceType.DeviceType1 => ("oracle-prod-data", 2),
                DeviceType.DeviceType4 => ("vmware-datastores", 3),
                _ => ("sql-prod-vc", 2),
            };
            var set = new VolumeSet
            {
                Id = system.DeviceType.UsesCpgs() ? ids.Hex(32) : IdFactory.NimbleObjectId("07", system.Id[2..18], 1),
                SystemId = system.Id,
                DeviceType = system.DeviceType,
                Name = name,
                Number = 1,
                MemberIds = store.SnapshotVolumesOf(system.Id).Take(members).Select(v => v.Id).ToList(),
                CreatedAt = createdAt,
                Generation = createdAt.ToUnixTimeSeconds(),
            };
            store.AddSeedVolumeSet(system.DeviceType switch
            {
                DeviceType.DeviceType1 => set with
                {
                    AppType = "ORACLE_DATA", Importance = "HIGH", BusinessUnit = "Finance", Comment = "ERP database",
                },
                DeviceType.DeviceType4 => set with
                {
                    AppType = "VIRTUAL_SERVER_VMWARE_ESXI_STORAGE", Importance = "MEDIUM", BusinessUnit = "IT",
                },
                _ => set with
                {
                    Collection = new VolumeCollectionSettings
                    {
                        Description = "SQL Server production databases",
                        AppSync = "vss",
                        AppServer = "sql-prod-01.lab.example.com",
                        AppId = "sql2019",
                        ReplicationType = "periodic_snapshot",
                        IsStandalone = false,
                    },
                },
            });
        }
    }
}
