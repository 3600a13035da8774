using System.Net;
using DsccSimulator.Tests.Infrastructure;

namespace DsccSimulator.Tests;

/// <summary>
/// Snapshots of a volume: list, create (<c>volumePost</c> name patterns, <c>NimbleCreateSnapshotInput</c>), get and
/// delete, and device-type2 clones made from them with <c>clone</c> + <c>base_snap_id</c>.
/// </summary>
public sealed class SnapshotTests : IAsyncLifetime
{
    private TestSimulator sim;

    private string token;

    public async Task InitializeAsync()
    {
        sim = await TestSimulator.StartAsync();
        token = await sim.TokenAsync();
    }

    public async Task DisposeAsync() => await sim.DisposeAsync();

    [Theory]
    [InlineData("device-type1")]
    [InlineData("device-type4")]
    public async Task CreateMakesASnapshotThatListsAndReadsBack(string family)
    {
        var volume = await Lifecycle.SeededVolumeAsync(sim, token, family, Lifecycle.SystemNameOf(family));
        var volumeNumber = (await sim.GetAsync(volume.Path, token)).Json.GetProperty("volumeId").GetInt64();

        var submitted = await sim.PostJsonAsync(volume.Path + "/snapshots", token,
            """
            {"namePattern":"CUSTOM","customName":"before-upgrade","comment":"pre","readOnly":true,
             "expireSecs":86400,"retainSecs":3600}
            """);
        sim.Clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(0, (await sim.GetAsync(volume.Path + "/snapshots", token)).Json.GetProperty("total").GetInt32());
        sim.Clock.Advance(TimeSpan.FromSeconds(5));
        var task = await sim.GetAsync(submitted.Str("taskUri"), token);

        Lifecycle.AssertSucceeded(task);
        Assert.Equal("Create Snapshot", task.Str("name"));
        var (name, resourceUri, type) = Lifecycle.AssociatedResource(task);
        Assert.Equal(("before-upgrade", "snapshot"), (name, type));
        Assert.StartsWith(volume.Path + "/snapshots/", resourceUri);
        var list = await sim.GetAsync(volume.Path + "/snapshots", token);
        var item = Assert.Single(list.Json.GetProperty("items").EnumerateArray());
        Assert.Equal(resourceUri.Split('/')[^1], item.GetProperty("id").GetString());
        var detail = await sim.GetAsync(resourceUri, token);
        Assert.Equal(HttpStatusCode.OK, detail.Status);
        Assert.Equal("before-upgrade", detail.Str("name"));
        Assert.Equal("pre", detail.Str("comment"));
        Assert.True(detail.Json.GetProperty("readOnly").GetBoolean());
        Assert.Equal(volumeNumber, detail.Json.GetProperty("parentID").GetInt64());
        Assert.True(detail.Json.GetProperty("snapshotId").GetInt64() > volumeNumber);
        var created = TestSimulator.Start.AddSeconds(10);
        Assert.Equal(created.AddSeconds(86400).ToUnixTimeMilliseconds(),
            detail.Json.GetProperty("expirationTime").GetProperty("ms").GetInt64());
        Assert.Equal(created.AddSeconds(3600).ToUnixTimeMilliseconds(),
            detail.Json.GetProperty("retentionTime").GetProperty("ms").GetInt64());
        var snapshotId = item.GetProperty("id").GetString();
        Assert.EndsWith($"/volumes/{volume.Id}/snapshots/{snapshotId}", detail.Str("consoleUri"));
    }

    [Theory]
    [InlineData("PARENT_TIMESTAMP", ".20250106120000")]
    [InlineData("PARENT_SEC_SINCE_EPOCH", ".1736164800")]
    public async Task NamePatternsDeriveTheNameFromTheParentAndTheTimeOfTheRequest(string pattern, string suffix)
    {
        var volume = await Lifecycle.SeededVolumeAsync(sim, token, "device-type1", Fleet.PrimeraLab01);

        var task = await sim.PostAndFinishAsync(
            volume.Path + "/snapshots", token, $$"""{"namePattern":"{{pattern}}","customName":"ignored"}""");

        Lifecycle.AssertSucceeded(task);
        Assert.Equal(volume.Name + suffix, Lifecycle.AssociatedResource(task).Name);
    }

    [Fact]
    public async Task DeviceType1SnapshotNamesShareTheVolumesNameSpace()
    {
        var volume = await Lifecycle.SeededVolumeAsync(sim, token, "device-type1", Fleet.PrimeraLab01, 0);
        var other = await Lifecycle.SeededVolumeAsync(sim, token, "device-type1", Fleet.PrimeraLab01, 1);

        var task = await sim.PostAndFinishAsync(volume.Path + "/snapshots", token,
            $$"""{"namePattern":"CUSTOM","customName":"{{other.Name}}"}""");

        Assert.Contains($"A volume or snapshot named '{other.Name}' already exists", Lifecycle.AssertFailed(task));
    }

    [Fact]
    public async Task DeviceType2SnapshotIsCreatedWithNimbleFields()
    {
        var volume = await Lifecycle.SeededVolumeAsync(sim, token, "device-type2", Fleet.NimbleProd01);

        var task = await sim.PostAndFinishAsync(volume.Path + "/snapshots", token,
            """
            {"name":"nightly","description":"d","online":true,"writable":true,"metadata":[{"key":"k","value":"v"}]}
            """);

        Lifecycle.AssertSucceeded(task);
        var detail = await sim.GetAsync(Lifecycle.AssociatedResource(task).ResourceUri, token);
        Assert.Equal("nightly", detail.Str("name"));
        Assert.Equal("d", detail.Str("description"));
        Assert.True(detail.Json.GetProperty("online").GetBoolean());
        Assert.True(detail.Json.GetProperty("writable").GetBoolean());
        Assert.Equal(volume.Id, detail.Str("vol_id"));
        Assert.Equal(volume.Name, detail.Str("vol_name"));
        Assert.Equal(volume.SizeMiB * 1024 * 1024, detail.Json.GetProperty("size").GetInt64());
        Assert.Equal("k", detail.Json.GetProperty("metadata")[0].GetProperty("key").GetString());
        Assert.Matches("^04[0-9a-f]{40}$", detail.Str("id"));
        Assert.Equal(detail.Str("resourceUri"), Lifecycle.AssociatedResource(task).ResourceUri);
    }

    [Fact]
    public async Task DeviceType2SnapshotNamesAreUniquePerVolumeOnly()
    {
        var first = await Lifecycle.SeededVolumeAsync(sim, token, "device-type2", Fleet.NimbleProd01, 0);
        var second = await Lifecycle.SeededVolumeAsync(sim, token, "device-type2", Fleet.NimbleProd01, 1);
        const string body = """{"name":"daily"}""";

        Lifecycle.AssertSucceeded(await sim.PostAndFinishAsync(first.Path + "/snapshots", token, body));
        var again = await sim.PostAndFinishAsync(first.Path + "/snapshots", token, body);
        var elsewhere = await sim.PostAndFinishAsync(second.Path + "/snapshots", token, body);

        Assert.Contains($"Volume '{first.Name}' already has a snapshot named 'daily'", Lifecycle.AssertFailed(again));
        Lifecycle.AssertSucceeded(elsewhere);
    }

    [Theory]
    [InlineData("device-type1", """{"namePattern":"CUSTOM","customName":"gone"}""")]
    [InlineData("device-type4", """{"namePattern":"CUSTOM","customName":"gone"}""")]
    [InlineData("device-type2", """{"name":"gone"}""")]
    public async Task DeleteRemovesTheSnapshotWhenTheTaskSucceeds(string family, string body)
    {
        var volume = await Lifecycle.SeededVolumeAsync(sim, token, family, Lifecycle.SystemNameOf(family));
        var snapshotUri = Lifecycle.AssociatedResource(
            await sim.PostAndFinishAsync(volume.Path + "/snapshots", token, body)).ResourceUri;

        var task = await sim.DeleteAndFinishAsync(snapshotUri, token);

        Lifecycle.AssertSucceeded(task);
        Assert.Equal("Delete Snapshot", task.Str("name"));
        Assert.Equal(("gone", snapshotUri, "snapshot"), Lifecycle.AssociatedResource(task));
        Assert.Equal(HttpStatusCode.NotFound, (await sim.GetAsync(snapshotUri, token)).Status);
        Assert.Equal(0, (await sim.GetAsync(volume.Path + "/snapshots", token)).Json.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task ARetainedSnapshotCannotBeDeletedBeforeItsRetentionEnds()
    {
        var volume = await Lifecycle.SeededVolumeAsync(sim, token, "device-type1", Fleet.PrimeraLab01);
        var snapshotUri = Lifecycle.AssociatedResource(await sim.PostAndFinishAsync(volume.Path + "/snapshots", token,
            """{"namePattern":"CUSTOM","customName":"locked","retainSecs":60}""")).ResourceUri;

        var early = await sim.DeleteAndFinishAsync(snapshotUri + "?force=true", token);
        var cascade = await sim.DeleteAndFinishAsync(volume.Path + "?cascade=true", token);
        sim.Clock.Advance(TimeSpan.FromSeconds(60));
        var late = await sim.DeleteAndFinishAsync(snapshotUri, token);

        Assert.Contains("'locked' is retained until 2025-01-06T12:01:10Z", Lifecycle.AssertFailed(early));
        Assert.Contains("is retained until", Lifecycle.AssertFailed(cascade));
        Lifecycle.AssertSucceeded(late);
    }

    [Fact]
    public async Task DeviceType2OnlineSnapshotIsDeletedOnlyWithForce()
    {
        var volume = await Lifecycle.SeededVolumeAsync(sim, token, "device-type2", Fleet.NimbleProd01);
        var snapshotUri = Lifecycle.AssociatedResource(await sim.PostAndFinishAsync(
            volume.Path + "/snapshots", token, """{"name":"mounted","online":true}""")).ResourceUri;

        var plain = await sim.DeleteAndFinishAsync(snapshotUri, token);
        var forced = await sim.DeleteAndFinishAsync(snapshotUri + "?force=true", token);

        Assert.Contains("'mounted' is online", Lifecycle.AssertFailed(plain));
        Lifecycle.AssertSucceeded(forced);
    }

    [Fact]
    public async Task UnknownSnapshotsAndSnapshotsOfAnotherVolumeGet404()
    {
        var first = await Lifecycle.SeededVolumeAsync(sim, token, "device-type1", Fleet.PrimeraLab01, 0);
        var second = await Lifecycle.SeededVolumeAsync(sim, token, "device-type1", Fleet.PrimeraLab01, 1);
        var snapshotId = Lifecycle.AssociatedResource(await sim.PostAndFinishAsync(first.Path + "/snapshots", token,
            """{"namePattern":"CUSTOM","customName":"mine"}""")).ResourceUri.Split('/')[^1];

        var unknown = await sim.GetAsync(first.Path + "/snapshots/0123456789abcdef0123456789abcdef", token);
        var wrongVolume = await sim.GetAsync($"{second.Path}/snapshots/{snapshotId}", token);
        var deleteWrong = await sim.DeleteAsync($"{second.Path}/snapshots/{snapshotId}", token);

        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Equal(HttpStatusCode.NotFound, wrongVolume.Status);
        Assert.Contains($"volume '{second.Name}' has no snapshot", wrongVolume.Str("error"));
        Assert.Equal(HttpStatusCode.NotFound, deleteWrong.Status);
    }

    [Fact]
    public async Task SnapshotListsPageFilterSortAndSelect()
    {
        var volume = await Lifecycle.SeededVolumeAsync(sim, token, "device-type2", Fleet.NimbleProd01);
        foreach (var name in new[] { "b", "a", "c" })
        {
            var isOnline = name == "c" ? "true" : "false";
            var body = $$"""{"name":"{{name}}","online":{{isOnline}}}""";
            await sim.PostJsonAsync(volume.Path + "/snapshots", token, body);
        }

        sim.Clock.Advance(Lifecycle.TaskDuration);

        var page = await sim.GetAsync(volume.Path + "/snapshots?sort=name desc&limit=2&select=name,id", token);
        var online = await sim.GetAsync(volume.Path + "/snapshots?filter=online eq true", token);
        var bad = await sim.GetAsync(volume.Path + "/snapshots?filter=sizeMiB gt 1", token);

        Assert.Equal(new[] { "c", "b" }, Fleet.Names(page));
        Assert.Equal(3, page.Json.GetProperty("total").GetInt32());
        Assert.Equal(2, page.Json.GetProperty("pageLimit").GetInt32());
        Assert.Equal(new[] { "id", "name" }, page.Json.GetProperty("items")[0].EnumerateObject().Select(p => p.Name)
            .OrderBy(n => n));
        Assert.Equal(new[] { "c" }, Fleet.Names(online));
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
    }

    [Fact]
    public async Task DeviceType2CreateWithCloneAndBaseSnapIdMakesACloneOfTheSnapshot()
    {
        var volume = await Lifecycle.SeededVolumeAsync(sim, token, "device-type2", Fleet.NimbleProd01);
        var snapshotId = Lifecycle.AssociatedResource(await sim.PostAndFinishAsync(
            volume.Path + "/snapshots", token, """{"name":"base"}""")).ResourceUri.Split('/')[^1];

        var task = await sim.PostAndFinishAsync(volume.SystemPath + "/volumes", token,
            $$"""{"name":"from-snap","clone":true,"base_snap_id":"{{snapshotId}}"}""");

        Lifecycle.AssertSucceeded(task);
        var clone = await sim.GetAsync(Lifecycle.AssociatedResource(task).ResourceUri, token);
        Assert.True(clone.Json.GetProperty("clone").GetBoolean());
        Assert.Equal(snapshotId, clone.Str("base_snap_id"));
        Assert.Equal("base", clone.Str("base_snap_name"));
        Assert.Equal(volume.Id, clone.Str("parent_vol_id"));
        Assert.Equal(volume.SizeMiB, clone.Json.GetProperty("size").GetInt64());
        var parent = await sim.GetAsync(volume.Path, token);
        Assert.Equal(parent.Str("pool_id"), clone.Str("pool_id"));

        var deleteSnapshot = await sim.DeleteAndFinishAsync($"{volume.Path}/snapshots/{snapshotId}", token);
        Assert.Contains("has dependent clones: from-snap", Lifecycle.AssertFailed(deleteSnapshot));
    }

    [Theory]
    [InlineData("""{"name":"c","clone":true,"base_snap_id":"040000000000000000000000000000000000000009"}""",
        "does not exist on system Nimble-Prod-01", "NOT_FOUND")]
    [InlineData("""{"name":"c","clone":true,"base_snap_id":"{snap}","pool_id":"{archive}"}""",
        "A clone lives in its parent's pool", "BAD_REQUEST")]
    [InlineData("""{"name":"c","clone":true,"base_snap_id":"{snap}","size":1}""",
        "cannot be smaller than its snapshot", "BAD_REQUEST")]
    public async Task DeviceType2CloneCreateFailsTheTaskForABadBase(string template, string expected, string code)
    {
        var volume = await Lifecycle.SeededVolumeAsync(sim, token, "device-type2", Fleet.NimbleProd01);
        var snapshotId = Lifecycle.AssociatedResource(await sim.PostAndFinishAsync(
            volume.Path + "/snapshots", token, """{"name":"base"}""")).ResourceUri.Split('/')[^1];
        var archive = await Fleet.PoolIdAsync(sim, token, volume.SystemId, "archive");
        var defaultPool = await Fleet.PoolIdAsync(sim, token, volume.SystemId, "default");
        var parentPool = (await sim.GetAsync(volume.Path, token)).Str("pool_id");
        var otherPool = parentPool == archive ? defaultPool : archive;

        var task = await sim.PostAndFinishAsync(volume.SystemPath + "/volumes", token,
            template.Replace("{snap}", snapshotId).Replace("{archive}", otherPool));

        Assert.Contains(expected, Lifecycle.AssertFailed(task, code));
    }
}
