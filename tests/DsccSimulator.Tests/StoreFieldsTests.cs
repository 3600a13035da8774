using System.Net;
using DsccSimulator.Cli;
using DsccSimulator.Json;
using DsccSimulator.Querying;
using DsccSimulator.Resources.Volumes;
using DsccSimulator.Store;
using DsccSimulator.Tests.Infrastructure;

namespace DsccSimulator.Tests;

/// <summary>
/// Filter and sort on store fields (the fast path for big fleets) must answer exactly as on the response items.
/// </summary>
public sealed class StoreFieldsTests(StoreFieldsTests.ThreeHundredVolumes shared)
    : IClassFixture<StoreFieldsTests.ThreeHundredVolumes>
{
    [Fact]
    public void EveryStoreReaderReturnsWhatTheItemSchemaShows()
    {
        var store = SeedData.Create(new SimulatorOptions { Volumes = 120 });
        var catalog = VolumeStoreFields.AddTo(new StoreFieldCatalog());
        var views = new (Type Item, DeviceType? Family, Func<Volume, object> Project)[]
        {
            (typeof(FleetVolumeDetailsList), null, v => VolumeViews.FleetListItem(v, store)),
            (typeof(PrimeraVolumeDetailsList), DeviceType.DeviceType1, v => VolumeViews.PrimeraListItem(v, store)),
            (typeof(ArcusVolumeDetailsList), DeviceType.DeviceType4, v => VolumeViews.ArcusListItem(v, store)),
            (typeof(NimbleVolume), DeviceType.DeviceType2, v => VolumeViews.NimbleListItem(v, store)),
        };

        foreach (var (itemType, family, project) in views)
        {
            var fields = catalog.Find<Volume>(itemType);
            Assert.NotNull(fields);
            var volumes = store.SnapshotVolumes().Where(v => family is null || v.DeviceType == family).ToList();
            Assert.NotEmpty(volumes);
            foreach (var (name, read) in fields.Readers)
            {
                var path = PropertyPath.Resolve(itemType, name, JsonDefaults.Options);
                Assert.Equal(name, path.Text);
                var kind = ScalarValues.KindOf(path.Leaf.Type);
                Assert.All(volumes, volume => Assert.Equal(
                    ScalarValues.Normalize(path.ValueOf(project(volume)), kind),
                    ScalarValues.Normalize(read(volume), kind)));
            }
        }
    }

    [Theory]
    [InlineData("/api/v1/volumes", typeof(FleetVolumeDetailsList),
        "sizeMiB gt 20000 and name lt vol-0150", "sizeMiB desc,name")]
    [InlineData("/api/v1/volumes", typeof(FleetVolumeDetailsList), "name in (vol-0007,vol-0100,vol-0042)", "name desc")]
    [InlineData("/api/v1/storage-systems/{dt1}/volumes", typeof(FleetVolumeDetailsList), "usedSizeMiB gt 5000", "wwn")]
    [InlineData("/api/v1/storage-systems/device-type1/{dt1}/volumes", typeof(PrimeraVolumeDetailsList),
        "sizeMiB lt 70000", "volumeId desc")]
    [InlineData("/api/v1/storage-systems/device-type2/{dt2}/volumes", typeof(NimbleVolume),
        "size gt 10000", "search_name desc")]
    [InlineData("/api/v1/storage-systems/device-type4/{dt4}/volumes", typeof(ArcusVolumeDetailsList),
        "name gt vol-0100", "displayname")]
    public async Task StoreAnswersEqualTheAnswersBuiltFromResponseItems(
        string path, Type itemType, string filter, string sort)
    {
        // Every property named must have a store reader, or this would compare the slow path with itself.
        var readers = VolumeStoreFields.AddTo(new StoreFieldCatalog()).Find<Volume>(itemType).Readers;
        var named = filter.Split(" and ").Select(c => c.Split(' ')[0])
            .Concat(sort.Split(',').Select(k => k.Split(' ')[0]));
        Assert.All(named, name => Assert.True(readers.ContainsKey(name), name));

        var (sim, token) = (shared.Sim, shared.Token);
        path = path
            .Replace("{dt1}", await Fleet.SystemIdAsync(sim, token, Fleet.PrimeraLab01))
            .Replace("{dt2}", await Fleet.SystemIdAsync(sim, token, Fleet.NimbleProd01))
            .Replace("{dt4}", await Fleet.SystemIdAsync(sim, token, Fleet.AlletraMp01));

        // "type eq volume" holds for every volume but has no store reader, so it forces the item-based path.
        var fast = await sim.GetAsync($"{path}?limit=1000&filter={filter}&sort={sort}", token);
        var slow = await sim.GetAsync($"{path}?limit=1000&filter={filter} and type eq volume&sort={sort}", token);
        var sortOnly = await sim.GetAsync($"{path}?limit=1000&sort={sort}", token);
        var sortSlow = await sim.GetAsync($"{path}?limit=1000&filter=type eq volume&sort={sort}", token);

        Assert.Equal(HttpStatusCode.OK, fast.Status);
        Assert.Equal(HttpStatusCode.OK, slow.Status);
        Assert.InRange(fast.Json.GetProperty("total").GetInt32(), 2, 299);
        Assert.Equal(slow.Json.GetProperty("total").GetInt32(), fast.Json.GetProperty("total").GetInt32());
        Assert.Equal(slow.Json.GetProperty("items").GetRawText(), fast.Json.GetProperty("items").GetRawText());
        Assert.Equal(sortSlow.Json.GetProperty("items").GetRawText(), sortOnly.Json.GetProperty("items").GetRawText());
    }

    /// <summary>The simulator the read-only list comparisons share.</summary>
    public sealed class ThreeHundredVolumes : SharedSimulator
    {
        protected override SimulatorOptions Options => TestSimulator.DefaultOptions with { Volumes = 300 };
    }
}
