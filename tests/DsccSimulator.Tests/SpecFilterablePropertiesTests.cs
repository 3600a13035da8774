using System.Net;
using System.Text.Json;
using DsccSimulator.Tests.Infrastructure;

namespace DsccSimulator.Tests;

/// <summary>
/// The per-type lists accept filter, sort and select on every property their spec item schema marks
/// <c>Filter</c> or <c>Sort</c> in its description. The compiled spec model drops descriptions, so the marked
/// properties are listed here, copied from <c>storage-api.v1.4.0.yaml</c>.
/// </summary>
public sealed class SpecFilterablePropertiesTests(SharedSimulator shared) : IClassFixture<SharedSimulator>
{
    private const string FilterSort = "Filter, Sort";

    private const string FilterOnly = "Filter";

    /// <summary>List path (placeholders: see <see cref="ResolveAsync"/>), property, marks.</summary>
    public static TheoryData<string, string, string> MarkedProperties()
    {
        var data = new TheoryData<string, string, string>();
        void Add(string list, string marks, params string[] properties)
        {
            foreach (var property in properties)
            {
                data.Add(list, property, marks);
            }
        }

        // PrimeraVolumeDetailsList and ArcusVolumeDetailsList.
        Add("{dt1}/volumes", FilterOnly, "devType", "id", "parentID", "userCpgID", "wwn");
        Add("{dt1}/volumes", FilterSort, "generation", "healthState", "hostWrittenMiB", "name", "sizeMiB",
            "usedCapacity");
        Add("{dt4}/volumes", FilterOnly, "devType", "id", "parentID", "userCpgID", "wwn");
        Add("{dt4}/volumes", FilterSort, "generation", "healthState", "name");

        // NimbleVolume: every marked property is Filter, Sort except id.
        Add("{dt2}/volumes", FilterOnly, "id");
        Add("{dt2}/volumes", FilterSort, "base_snap_id", "base_snap_name", "clone", "dest_pool_id", "dest_pool_name",
            "folder_id", "folder_name", "name", "online", "owned_by_group", "owned_by_group_id", "parent_vol_id",
            "parent_vol_name", "perfpolicy_id", "perfpolicy_name", "pool_id", "pool_name", "read_only",
            "replication_role", "secondary_serial_number", "serial_number", "size", "target_name", "volcoll_id",
            "volcoll_name");

        // primeraStorageSystemDetailList, arcusStorageSystemDetailList and the device-type2 system list items.
        foreach (var family in new[] { "device-type1", "device-type4" })
        {
            var systems = "/api/v1/storage-systems/" + family;
            Add(systems, FilterOnly, "deviceId", "id");
            Add(systems, FilterSort, "generation", "name", "networkMasterNode", "overallState", "systemWWN");
        }

        Add("/api/v1/storage-systems/device-type2", FilterOnly, "id");
        Add("/api/v1/storage-systems/device-type2", FilterSort, "name");
        Add("{dt2}/storage-pools", FilterOnly, "id");
        Add("{dt2}/storage-pools", FilterSort, "name");

        // snapshotsList and ArcussnapshotsList also mark creationTime Sort, but it is an object ({ms, tz}), which
        // sorts as creationTime.ms; NimbleSnapshot marks everything Filter, Sort except id.
        Add("{dt1}/volumes/{v1}/snapshots", FilterOnly, "id");
        Add("{dt4}/volumes/{v4}/snapshots", FilterOnly, "id");
        Add("{dt2}/volumes/{v2}/snapshots", FilterOnly, "id");
        Add("{dt2}/volumes/{v2}/snapshots", FilterSort, "name", "online", "pool_name", "replication_status",
            "schedule_id", "schedule_name", "serial_number", "size", "snap_collection_id", "snap_collection_name",
            "target_name", "writable");
        return data;
    }

    [Theory]
    [MemberData(nameof(MarkedProperties))]
    public async Task EveryPropertyTheSpecMarksCanBeFilteredSortedAndSelected(
        string list, string property, string marks)
    {
        var path = await ResolveAsync(list);
        var queries = new List<string>
        {
            "select=" + property, "filter=" + Uri.EscapeDataString(property + " eq null"),
        };
        if (marks == FilterSort)
        {
            queries.Add("sort=" + property);
        }

        foreach (var query in queries)
        {
            var reply = await shared.Sim.GetAsync($"{path}?{query}", shared.Token);

            Assert.True(reply.Status == HttpStatusCode.OK, $"{query}: {reply.Status} {reply.Text}");
        }
    }

    [Fact]
    public async Task DeviceType1HealthStateIsAnIntegerThatFiltersAndSorts()
    {
        var path = await ResolveAsync("{dt1}/volumes");

        var all = await shared.Sim.GetAsync($"{path}?limit=1000&select=name,healthState,state", shared.Token);
        var normal = await shared.Sim.GetAsync($"{path}?limit=1000&filter=healthState eq 1", shared.Token);
        var sorted = await shared.Sim.GetAsync($"{path}?limit=1000&sort=healthState desc", shared.Token);

        var items = all.Json.GetProperty("items").EnumerateArray().ToList();
        Assert.NotEmpty(items);
        Assert.All(items, v => Assert.Equal(JsonValueKind.Number, v.GetProperty("healthState").ValueKind));
        var expectedNormal = items
            .Where(v => v.GetProperty("healthState").GetInt64() == 1)
            .Select(v => v.GetProperty("name").GetString());
        Assert.Equal(expectedNormal, Fleet.Names(normal));
        var states = sorted.Json.GetProperty("items").EnumerateArray()
            .Select(v => v.GetProperty("healthState").GetInt64()).ToList();
        Assert.Equal(states.OrderByDescending(s => s), states);
    }

    [Fact]
    public async Task DeviceType1VolumeViewsCarryTheSpecsFilterableFields()
    {
        var path = await ResolveAsync("{dt1}/volumes");

        var list = await shared.Sim.GetAsync(
            $"{path}?limit=1&select=id,devType,healthState,hostWrittenMiB,parentID,usedSizeMiB", shared.Token);
        var item = list.Json.GetProperty("items")[0];
        var detail = await shared.Sim.GetAsync($"{path}/{item.GetProperty("id").GetString()}", shared.Token);

        Assert.Equal("DEVTYPE_SSD", item.GetProperty("devType").GetString());
        Assert.Equal(1, item.GetProperty("healthState").GetInt64());
        Assert.Equal(item.GetProperty("usedSizeMiB").GetDouble(), item.GetProperty("hostWrittenMiB").GetDouble());
        Assert.Equal(0, item.GetProperty("parentID").GetInt64());
        Assert.Equal(JsonValueKind.Number, detail.Json.GetProperty("healthState").ValueKind);
        Assert.Equal("DEVTYPE_SSD", detail.Str("devType"));
    }

    [Fact]
    public async Task FleetVolumeHealthStateStaysAString()
    {
        var reply = await shared.Sim.GetAsync(
            "/api/v1/volumes?limit=5&filter=healthState eq NORMAL&select=healthState", shared.Token);

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.All(reply.Json.GetProperty("items").EnumerateArray(),
            v => Assert.Equal("NORMAL", v.GetProperty("healthState").GetString()));
    }

    [Fact]
    public async Task DeviceType2VolumesShowTheirOwningGroupAndPerformancePolicy()
    {
        var systemId = await Fleet.SystemIdAsync(shared.Sim, shared.Token, Fleet.NimbleProd01);
        var path = await ResolveAsync("{dt2}/volumes");

        var reply = await shared.Sim.GetAsync($"{path}?filter=owned_by_group_id eq {systemId}", shared.Token);

        var items = reply.Json.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(reply.Json.GetProperty("total").GetInt32(),
            (await shared.Sim.GetAsync(path, shared.Token)).Json.GetProperty("total").GetInt32());
        Assert.All(items, v =>
        {
            Assert.Equal(Fleet.NimbleProd01, v.GetProperty("owned_by_group").GetString());
            Assert.Matches("^03[0-9a-f]{40}$", v.GetProperty("perfpolicy_id").GetString());
            Assert.Equal("default", v.GetProperty("perfpolicy_name").GetString());
            Assert.Equal("no_replication", v.GetProperty("replication_role").GetString());
            Assert.Equal("", v.GetProperty("folder_id").GetString());
        });
    }

    /// <summary>
    /// Replaces <c>{dt1}</c>, <c>{dt2}</c>, <c>{dt4}</c> with the per-type path of the seeded system of that family,
    /// and <c>{v1}</c>, <c>{v2}</c>, <c>{v4}</c> with the id of its first volume.
    /// </summary>
    private async Task<string> ResolveAsync(string list)
    {
        foreach (var family in new[] { "device-type1", "device-type2", "device-type4" })
        {
            var digit = family[^1];
            if (!list.Contains($"{{dt{digit}}}", StringComparison.Ordinal))
            {
                continue;
            }

            var volume = await Lifecycle.SeededVolumeAsync(
                shared.Sim, shared.Token, family, Lifecycle.SystemNameOf(family));
            list = list
                .Replace($"{{dt{digit}}}", volume.SystemPath, StringComparison.Ordinal)
                .Replace($"{{v{digit}}}", volume.Id, StringComparison.Ordinal);
        }

        return list;
    }
}
