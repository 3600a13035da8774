using DsccSimulator.Cli;
using DsccSimulator.Store;
using DsccSimulator.Tests.Infrastructure;

namespace DsccSimulator.Tests;

public sealed class SeedDataTests
{
    [Fact]
    public void SeedOneProducesTheDocumentedFleet()
    {
        var store = SeedData.Create(new SimulatorOptions());

        Assert.Equal(
            new[]
            {
                ("7CE729P013", "Primera-Lab-01", DeviceType.DeviceType1),
                ("7CE992P806", "Primera-Lab-02", DeviceType.DeviceType1),
                ("00d1884fb66aa73582000000000000000000000001", "Nimble-Prod-01", DeviceType.DeviceType2),
                ("SGH306ZXVF", "AlletraMP-01", DeviceType.DeviceType4),
            },
            store.Systems.Select(s => (s.Id, s.Name, s.DeviceType)));
        Assert.Equal(new[] { "SSD_r6", "SSD_r1", "FC_r5" }, store.PoolsOf("7CE729P013").Select(p => p.Name));
        Assert.Equal(new[] { "SSD_r6", "SSD_r1" }, store.PoolsOf("SGH306ZXVF").Select(p => p.Name));
        Assert.Equal(
            new[] { "0ad1884fb66aa73582000000000000000000000001", "0ad1884fb66aa73582000000000000000000000002" },
            store.PoolsOf("00d1884fb66aa73582000000000000000000000001").Select(p => p.Id));
        Assert.Equal(60, store.VolumeCount);
    }

    [Fact]
    public void SameSeedSameDataDifferentSeedDifferentIds()
    {
        static string Fingerprint(int seed) => string.Join(",", SeedData
            .Create(new SimulatorOptions { Seed = seed, Volumes = 20 })
            .SnapshotVolumes()
            .Select(v => $"{v.Id}/{v.Name}/{v.SizeMiB}/{v.Wwn}"));

        Assert.Equal(Fingerprint(5), Fingerprint(5));
        Assert.NotEqual(Fingerprint(5), Fingerprint(6));
    }

    [Fact]
    public void VolumesLookLikeRealOnes()
    {
        var store = SeedData.Create(new SimulatorOptions { Volumes = 400 });
        var volumes = store.SnapshotVolumes();

        Assert.All(volumes, v =>
        {
            Assert.True(v.SizeMiB >= 1024 && v.SizeMiB <= 1048576 && (v.SizeMiB & (v.SizeMiB - 1)) == 0, v.Name);
            Assert.InRange(v.UsedMiB, 0, v.SizeMiB);
            Assert.Matches("^[0-9A-F]{32}$", v.Wwn);
            Assert.Matches(v.DeviceType == DeviceType.DeviceType2 ? "^[0-9a-f]{42}$" : "^[0-9a-f]{32}$", v.Id);
            Assert.Equal(store.FindPool(v.PoolId).SystemId, v.SystemId);
        });
        Assert.Equal(volumes.Length, volumes.Select(v => v.Id).Distinct().Count());
        Assert.Equal(100, volumes.Count(v => v.SystemId == store.Systems[2].Id));
    }

    [Fact]
    public async Task ResponsesAreIdenticalAcrossRunsWithTheSameSeed()
    {
        async Task<string> FetchAsync()
        {
            await using var sim = await TestSimulator.StartAsync(TestSimulator.DefaultOptions with { Seed = 42 });
            var token = await sim.TokenAsync();
            return (await sim.GetAsync("/api/v1/volumes?limit=1000", token)).Text
                + (await sim.GetAsync("/api/v1/storage-systems/device-type1", token)).Text;
        }

        Assert.Equal(await FetchAsync(), await FetchAsync());
    }
}
