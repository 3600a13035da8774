using System.Net;
using DsccSimulator.Tests.Infrastructure;

namespace DsccSimulator.Tests;

/// <summary>
/// <c>PUT .../device-typeN/{systemId}/volumes/{id}</c>: rename, grow, the other editable fields, and the refusals a
/// real array gives (shrink, no space, name taken). The change shows only when the task succeeds.
/// </summary>
public sealed class VolumeEditTests : IAsyncLifetime
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
    [InlineData("device-type1", "sizeMib")]
    [InlineData("device-type4", "sizeMib")]
    [InlineData("device-type2", "size")]
    public async Task RenameAndGrowShowWhenTheTaskSucceeds(string family, string sizeProperty)
    {
        var volume = await Lifecycle.SeededVolumeAsync(sim, token, family, Lifecycle.SystemNameOf(family));
        var newSize = volume.SizeMiB * 2;

        var submitted = await sim.PutJsonAsync(
            volume.Path, token, $$"""{"name":"renamed","{{sizeProperty}}":{{newSize}}}""");

        Assert.Equal(HttpStatusCode.Accepted, submitted.Status);
        Assert.Equal(new[] { "taskUri", "status", "message" }, submitted.PropertyNames);
        sim.Clock.Advance(TimeSpan.FromSeconds(5));
        var running = await sim.GetAsync(submitted.Str("taskUri"), token);
        Assert.Equal("RUNNING", running.Str("state"));
        Assert.Equal("Edit Volume", running.Str("name"));
        Assert.Equal(volume.Name, (await sim.GetAsync(volume.GenericPath, token)).Str("name"));

        sim.Clock.Advance(TimeSpan.FromSeconds(5));
        var task = await sim.GetAsync(submitted.Str("taskUri"), token);
        Lifecycle.AssertSucceeded(task);
        Assert.Equal(("renamed", volume.Path, "volume"), Lifecycle.AssociatedResource(task));
        var source = task.Json.GetProperty("sourceResource");
        Assert.Equal(volume.Name, source.GetProperty("name").GetString());

        var generic = await sim.GetAsync(volume.GenericPath, token);
        Assert.Equal("renamed", generic.Str("name"));
        Assert.Equal(newSize, generic.Json.GetProperty("sizeMiB").GetDouble());
        var perType = await sim.GetAsync(volume.Path, token);
        Assert.Equal("renamed", perType.Str("name"));
        Assert.Equal(newSize, PerTypeSize(family, perType));
        var byOldName = await sim.GetAsync($"/api/v1/volumes?filter=name eq '{volume.Name}'", token);
        Assert.Equal(0, byOldName.Json.GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("device-type1", """{"sizeMib":1024}""", "Volumes on this array can only grow")]
    [InlineData("device-type4", """{"sizeMib":1024}""", "Volumes on this array can only grow")]
    [InlineData("device-type2", """{"size":1024}""", "Send force=true to shrink")]
    public async Task ShrinkingFailsTheTask(string family, string body, string expected)
    {
        var volume = await Lifecycle.NewVolumeAsync(sim, token, family, Lifecycle.SystemNameOf(family), "v", 4096);

        var task = await sim.PutAndFinishAsync(volume.Path, token, body);

        var error = Lifecycle.AssertFailed(task);
        Assert.Contains("cannot shrink from 4096 MiB to 1024 MiB", error);
        Assert.Contains(expected, error);
        Assert.Equal(4096, (await sim.GetAsync(volume.GenericPath, token)).Json.GetProperty("sizeMiB").GetDouble());
    }

    [Fact]
    public async Task DeviceType2ShrinksWhenForcedButNotBelowWrittenData()
    {
        var seeded = await Lifecycle.SeededVolumeAsync(sim, token, "device-type2", Fleet.NimbleProd01);
        var fresh = await Lifecycle.NewVolumeAsync(sim, token, "device-type2", Fleet.NimbleProd01, "v", 4096);

        var shrunk = await sim.PutAndFinishAsync(fresh.Path, token, """{"size":1024,"force":true}""");
        var tooSmall = await sim.PutAndFinishAsync(seeded.Path, token, """{"size":1,"force":true}""");

        Lifecycle.AssertSucceeded(shrunk);
        Assert.Equal(1024, (await sim.GetAsync(fresh.Path, token)).Json.GetProperty("size").GetInt64());
        Assert.Contains("MiB are written", Lifecycle.AssertFailed(tooSmall));
    }

    [Fact]
    public async Task GrowingBeyondThePoolsFreeSpaceFailsTheTask()
    {
        var volume = await Lifecycle.SeededVolumeAsync(sim, token, "device-type1", Fleet.PrimeraLab01);

        var task = await sim.PutAndFinishAsync(volume.Path, token, """{"sizeMib":1099511627776}""");

        Assert.Contains("Not enough free space in CPG", Lifecycle.AssertFailed(task));
        Assert.Equal(volume.SizeMiB, (await sim.GetAsync(volume.GenericPath, token)).Json.GetProperty("sizeMiB")
            .GetDouble());
    }

    [Fact]
    public async Task RenamingToATakenNameFailsTheTask()
    {
        var first = await Lifecycle.SeededVolumeAsync(sim, token, "device-type1", Fleet.PrimeraLab01, 0);
        var second = await Lifecycle.SeededVolumeAsync(sim, token, "device-type1", Fleet.PrimeraLab01, 1);

        var task = await sim.PutAndFinishAsync(first.Path, token, $$"""{"name":"{{second.Name}}"}""");

        Assert.Contains($"'{second.Name}' already exists", Lifecycle.AssertFailed(task));
        Assert.Equal(first.Name, (await sim.GetAsync(first.Path, token)).Str("name"));
    }

    [Fact]
    public async Task DeviceType1EditMovesCpgAndSetsReductionAndWarnings()
    {
        var volume = await Lifecycle.NewVolumeAsync(sim, token, "device-type1", Fleet.PrimeraLab01, "tune", 2048);

        var task = await sim.PutAndFinishAsync(volume.Path, token,
            """
            {"userCpgName":"FC_r5","conversionType":"CONVERSIONTYPE_DDS",
             "userAllocWarning":80,"snapshotAllocWarning":70}
            """);

        Lifecycle.AssertSucceeded(task);
        var detail = await sim.GetAsync(volume.Path, token);
        Assert.Equal("FC_r5", detail.Str("userCpgName"));
        Assert.Equal("Enabled", detail.Str("dataReduction"));
        Assert.Equal("DDS", detail.Str("provType"));
        Assert.Equal(80, detail.Json.GetProperty("userAllocWarning").GetInt64());
        Assert.Equal(70, detail.Json.GetProperty("snapshotAllocWarning").GetInt64());
        var generic = await sim.GetAsync(volume.GenericPath, token);
        Assert.Equal("PROVTYPE_DDS", generic.Str("subType"));
    }

    [Fact]
    public async Task MovingToAnUnknownCpgFailsTheTask()
    {
        var volume = await Lifecycle.SeededVolumeAsync(sim, token, "device-type4", Fleet.AlletraMp01);

        var task = await sim.PutAndFinishAsync(volume.Path, token, """{"userCpgName":"FC_r5"}""");

        Assert.Contains("CPG 'FC_r5' does not exist on system AlletraMP-01", Lifecycle.AssertFailed(task, "NOT_FOUND"));
    }

    [Fact]
    public async Task DeviceType2EditChangesNimbleSettings()
    {
        var volume = await Lifecycle.SeededVolumeAsync(sim, token, "device-type2", Fleet.NimbleProd01);

        var task = await sim.PutAndFinishAsync(volume.Path, token,
            """
            {"description":"db logs","online":false,"limit_iops":1000,"limit_mbps":-1,"caching_enabled":false,
             "dedupe_enabled":true,"app_uuid":"app-1","limit":90}
            """);

        Lifecycle.AssertSucceeded(task);
        var detail = await sim.GetAsync(volume.Path, token);
        Assert.Equal("db logs", detail.Str("description"));
        Assert.False(detail.Json.GetProperty("online").GetBoolean());
        Assert.Equal("offline", detail.Str("vol_state"));
        Assert.Equal("user", detail.Str("offline_reason"));
        Assert.Equal(1000, detail.Json.GetProperty("limit_iops").GetInt64());
        Assert.Equal(-1, detail.Json.GetProperty("limit_mbps").GetInt64());
        Assert.False(detail.Json.GetProperty("caching_enabled").GetBoolean());
        Assert.True(detail.Json.GetProperty("dedupe_enabled").GetBoolean());
        Assert.Equal("app-1", detail.Str("app_uuid"));
        Assert.Equal(90, detail.Json.GetProperty("limit").GetInt64());
        var offline = await sim.GetAsync($"{volume.SystemPath}/volumes?filter=vol_state eq offline", token);
        Assert.Equal(new[] { volume.Id }, Fleet.Ids(offline));
    }

    [Theory]
    [InlineData("""{"folder_id":"2f0000000000000000000000000000000000000001"}""", "folder")]
    [InlineData("""{"perfpolicy_id":"030000000000000000000000000000000000000001"}""", "performance policy")]
    [InlineData("""{"owned_by_group_id":"000000000000000000000000000000000000000009"}""", "group")]
    public async Task DeviceType2ReferencesToUnknownObjectsFailTheTask(string body, string kind)
    {
        var volume = await Lifecycle.SeededVolumeAsync(sim, token, "device-type2", Fleet.NimbleProd01);

        var task = await sim.PutAndFinishAsync(volume.Path, token, body);

        Assert.Contains($"The {kind} '", Lifecycle.AssertFailed(task, "NOT_FOUND"));
    }

    [Fact]
    public async Task DeviceType2PerformancePolicyTheVolumeShowsMayBeNamed()
    {
        var volume = await Lifecycle.SeededVolumeAsync(sim, token, "device-type2", Fleet.NimbleProd01);
        var policyId = (await sim.GetAsync(volume.Path, token)).Str("perfpolicy_id");

        var task = await sim.PutAndFinishAsync(volume.Path, token, $$"""{"perfpolicy_id":"{{policyId}}"}""");

        Lifecycle.AssertSucceeded(task);
    }

    [Fact]
    public async Task DeviceType2OwningGroupMayBeTheArraysOwnGroup()
    {
        var volume = await Lifecycle.SeededVolumeAsync(sim, token, "device-type2", Fleet.NimbleProd01);

        var task = await sim.PutAndFinishAsync(
            volume.Path, token, $$"""{"owned_by_group_id":"{{volume.SystemId}}","folder_id":""}""");

        Lifecycle.AssertSucceeded(task);
    }

    [Fact]
    public async Task EditingAnUnknownVolumeOrAVolumeOfAnotherSystemGets404()
    {
        var other = await Lifecycle.SeededVolumeAsync(sim, token, "device-type1", Fleet.PrimeraLab02);
        var systemId = await Fleet.SystemIdAsync(sim, token, Fleet.PrimeraLab01);
        var path = $"/api/v1/storage-systems/device-type1/{systemId}/volumes/";

        var unknown = await sim.PutJsonAsync(path + "0123456789abcdef0123456789abcdef", token, """{"name":"x"}""");
        var elsewhere = await sim.PutJsonAsync(path + other.Id, token, """{"name":"x"}""");

        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.Status);
        Assert.Contains("has no volume with id", elsewhere.Str("error"));
    }

    [Fact]
    public async Task AnEditThatStartsWhileADeleteHoldsTheVolumeFailsAsBusy()
    {
        var volume = await Lifecycle.NewVolumeAsync(sim, token, "device-type1", Fleet.PrimeraLab01, "contended");

        var delete = await sim.DeleteAsync(volume.Path, token);
        var edit = await sim.PutJsonAsync(volume.Path, token, """{"name":"too-late"}""");
        sim.Clock.Advance(Lifecycle.TaskDuration);

        Lifecycle.AssertSucceeded(await sim.GetAsync(delete.Str("taskUri"), token));
        var editTask = await sim.GetAsync(edit.Str("taskUri"), token);
        Assert.Contains("Volume 'contended' is busy", Lifecycle.AssertFailed(editTask));
        var recommendation = editTask.Json.GetProperty("recommendations")[0].GetProperty("message").GetString();
        Assert.Contains("Wait for the other task", recommendation);
    }

    private static double PerTypeSize(string family, Reply detail) => family switch
    {
        "device-type1" => detail.Json.GetProperty("sizeMiB").GetDouble(),
        "device-type4" => detail.Json.GetProperty("volumeCapacity").GetProperty("sizeMiB").GetDouble(),
        _ => detail.Json.GetProperty("size").GetInt64(),
    };
}
