using System.Net;
using DsccSimulator.Tests.Infrastructure;

namespace DsccSimulator.Tests;

/// <summary>
/// Clones: device-type1/4 physical copies of a volume (online or offline, new or existing destination) or of a
/// snapshot, and the <c>.../clones</c> list; device-type2 zero-copy clones of a volume.
/// </summary>
public sealed class CloneTests : IAsyncLifetime
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
    [InlineData("device-type1", "usedSizeMiB")]
    [InlineData("device-type4", "volumeCapacity")]
    public async Task OnlineCloneCopiesTheVolumeIntoANewOne(string family, string capacityProperty)
    {
        var source = await Lifecycle.SeededVolumeAsync(sim, token, family, Lifecycle.SystemNameOf(family));
        var sourceDetail = await sim.GetAsync(source.Path, token);

        var submitted = await sim.PostJsonAsync(source.Path + "/clone", token,
            """{"destinationVolume":"copy-1","online":true,"priority":"PRIORITYTYPE_HIGH"}""");
        var task = await sim.FinishAsync(submitted, token);

        Lifecycle.AssertSucceeded(task);
        Assert.Equal("Clone Volume", task.Str("name"));
        var (name, resourceUri, type) = Lifecycle.AssociatedResource(task);
        Assert.Equal(("copy-1", "volume"), (name, type));
        var clone = await sim.GetAsync(resourceUri, token);
        Assert.True(clone.Json.GetProperty("physicalCopy").GetBoolean());
        var sourceNumber = sourceDetail.Json.GetProperty("volumeId").GetInt64();
        Assert.Equal(sourceNumber, clone.Json.GetProperty("copyOfID").GetInt64());
        Assert.Equal(sourceDetail.Str("userCpgName"), clone.Str("userCpgName"));
        Assert.Equal(UsedMiB(sourceDetail, capacityProperty), UsedMiB(clone, capacityProperty));
        Assert.True(UsedMiB(clone, capacityProperty) > 0);
        var generic = await sim.GetAsync($"/api/v1/volumes/{resourceUri.Split('/')[^1]}", token);
        Assert.Equal(source.SizeMiB, generic.Json.GetProperty("sizeMiB").GetDouble());

        var clones = await sim.GetAsync(source.Path + "/clones", token);
        Assert.Equal(new[] { "copy-1" }, Fleet.Names(clones));
        Assert.False((await sim.GetAsync(source.Path, token)).Json.GetProperty("physicalCopy").GetBoolean());
    }

    [Fact]
    public async Task ACloneTakesItsWrittenDataFromTheDestinationCpg()
    {
        var source = await Lifecycle.SeededVolumeAsync(sim, token, "device-type1", Fleet.PrimeraLab01);
        var usedMiB = (long)(await sim.GetAsync(source.Path, token)).Json.GetProperty("usedSizeMiB").GetDouble();
        var before = await FreeMiBAsync(source.SystemId, "FC_r5");

        var task = await sim.PostAndFinishAsync(source.Path + "/clone", token,
            """{"destinationVolume":"copy-fc","online":true,"onlineClone":[{"destinationCpg":"FC_r5"}]}""");

        Lifecycle.AssertSucceeded(task);
        Assert.Equal("FC_r5", (await sim.GetAsync(Lifecycle.AssociatedResource(task).ResourceUri, token))
            .Str("userCpgName"));
        Assert.Equal(before - usedMiB, await FreeMiBAsync(source.SystemId, "FC_r5"));
    }

    [Fact]
    public async Task OnlineCloneToAHostGroupIsExportedToo()
    {
        var source = await Lifecycle.SeededVolumeAsync(sim, token, "device-type1", Fleet.PrimeraLab01);
        var group = Lifecycle.HostGroupId(sim, "oracle-prod");

        var task = await sim.PostAndFinishAsync(source.Path + "/clone", token,
            $$"""{"destinationVolume":"copy-x","onlineClone":[{"hostGroupId":"{{group}}","lun":7}]}""");

        Lifecycle.AssertSucceeded(task);
        var vluns = await sim.GetAsync(Lifecycle.AssociatedResource(task).ResourceUri + "/vluns", token);
        var vlun = Assert.Single(vluns.Json.GetProperty("items").EnumerateArray());
        Assert.Equal(7, vlun.GetProperty("lun").GetInt64());
        Assert.Equal(group, vlun.GetProperty("initiators").GetProperty("id").GetString());
    }

    [Fact]
    public async Task OfflineCopyIntoAnExistingVolumeNeedsAVolumeLargeEnough()
    {
        var source = await Lifecycle.SeededVolumeAsync(sim, token, "device-type4", Fleet.AlletraMp01);
        await Lifecycle.NewVolumeAsync(sim, token, "device-type4", Fleet.AlletraMp01, "small", 1);
        var big = await Lifecycle.NewVolumeAsync(
            sim, token, "device-type4", Fleet.AlletraMp01, "big", source.SizeMiB * 2);
        const string body = """{"destinationVolume":"{0}","offlineClone":[{"useExistingVolume":true}]}""";

        var tooSmall = await sim.PostAndFinishAsync(source.Path + "/clone", token, body.Replace("{0}", "small"));
        var missing = await sim.PostAndFinishAsync(source.Path + "/clone", token, body.Replace("{0}", "nope"));
        var copied = await sim.PostAndFinishAsync(source.Path + "/clone", token, body.Replace("{0}", "big"));

        Assert.Contains("'small' (1 MiB) is smaller than the source", Lifecycle.AssertFailed(tooSmall));
        Assert.Contains("'nope' does not exist", Lifecycle.AssertFailed(missing, "NOT_FOUND"));
        Lifecycle.AssertSucceeded(copied);
        Assert.Equal(("big", big.Path, "volume"), Lifecycle.AssociatedResource(copied));
        var target = await sim.GetAsync(big.Path, token);
        Assert.True(target.Json.GetProperty("physicalCopy").GetBoolean());
        Assert.Equal(source.SizeMiB * 2, target.Json.GetProperty("volumeCapacity").GetProperty("sizeMiB").GetDouble());
    }

    [Fact]
    public async Task OfflineCloneIntoANewVolumeUsesCreateVolumeCpg()
    {
        var source = await Lifecycle.SeededVolumeAsync(sim, token, "device-type1", Fleet.PrimeraLab01);

        var task = await sim.PostAndFinishAsync(source.Path + "/clone", token,
            """
            {"destinationVolume":"offline-copy","online":false,
             "offlineClone":[{"createVolume":[{"destinationCpg":"SSD_r1"}],"enableResync":true}]}
            """);

        Lifecycle.AssertSucceeded(task);
        Assert.Equal("SSD_r1", (await sim.GetAsync(Lifecycle.AssociatedResource(task).ResourceUri, token))
            .Str("userCpgName"));
    }

    [Theory]
    [InlineData("""{"destinationVolume":"{taken}","online":true}""", "already exists", "BAD_REQUEST")]
    [InlineData("""{"destinationVolume":"c","onlineClone":[{"destinationCpg":"NoSuchCpg"}]}""",
        "CPG 'NoSuchCpg' does not exist", "NOT_FOUND")]
    public async Task ArrayRefusalsFailTheCloneTask(string template, string expected, string code)
    {
        var source = await Lifecycle.SeededVolumeAsync(sim, token, "device-type1", Fleet.PrimeraLab01, 0);
        var other = await Lifecycle.SeededVolumeAsync(sim, token, "device-type1", Fleet.PrimeraLab01, 1);

        var task = await sim.PostAndFinishAsync(
            source.Path + "/clone", token, template.Replace("{taken}", other.Name));

        Assert.Contains(expected, Lifecycle.AssertFailed(task, code));
    }

    [Theory]
    [InlineData("device-type1")]
    [InlineData("device-type4")]
    public async Task SnapshotCloneCopiesTheSnapshotIntoANewVolume(string family)
    {
        var source = await Lifecycle.SeededVolumeAsync(sim, token, family, Lifecycle.SystemNameOf(family));
        var snapshotUri = Lifecycle.AssociatedResource(await sim.PostAndFinishAsync(source.Path + "/snapshots", token,
            """{"namePattern":"CUSTOM","customName":"point"}""")).ResourceUri;
        var snapshot = await sim.GetAsync(snapshotUri, token);
        var group = Lifecycle.HostGroupId(sim, "linux-app");

        var task = await sim.PostAndFinishAsync(
            $"{source.SystemPath}/snapshots/{snapshot.Str("id")}/clone", token,
            $$"""
            {"destinationVolume":"restored","destinationCpg":"SSD_r1","hostGroupId":"{{group}}","autoLun":true}
            """);

        Lifecycle.AssertSucceeded(task);
        Assert.Equal("Clone Snapshot", task.Str("name"));
        Assert.Equal("point", task.Json.GetProperty("sourceResource").GetProperty("name").GetString());
        var clone = await sim.GetAsync(Lifecycle.AssociatedResource(task).ResourceUri, token);
        Assert.Equal(snapshot.Json.GetProperty("snapshotId").GetInt64(), clone.Json.GetProperty("copyOfID").GetInt64());
        Assert.Equal("SSD_r1", clone.Str("userCpgName"));
        Assert.Equal("linux-app", clone.Json.GetProperty("initiators")[0].GetProperty("deviceDiscoveredName")
            .GetString());
    }

    [Fact]
    public async Task CloningAnUnknownSnapshotGets404()
    {
        var systemId = await Fleet.SystemIdAsync(sim, token, Fleet.PrimeraLab01);

        var reply = await sim.PostJsonAsync(
            $"/api/v1/storage-systems/device-type1/{systemId}/snapshots/0123456789abcdef0123456789abcdef/clone",
            token, """{"destinationVolume":"c"}""");

        Assert.Equal(HttpStatusCode.NotFound, reply.Status);
        Assert.Contains("has no snapshot", reply.Str("error"));
    }

    [Fact]
    public async Task DeviceType2CloneSharesBlocksAndKeepsTheParentAlive()
    {
        var source = await Lifecycle.SeededVolumeAsync(sim, token, "device-type2", Fleet.NimbleProd01);
        var group = Lifecycle.HostGroupId(sim, "sql-prod");

        var task = await sim.PostAndFinishAsync(source.Path + "/clone", token,
            $$"""{"clone_volume_name":"dev-copy","host_group_id":"{{group}}","lun":12}""");

        Lifecycle.AssertSucceeded(task);
        var clone = await sim.GetAsync(Lifecycle.AssociatedResource(task).ResourceUri, token);
        Assert.True(clone.Json.GetProperty("clone").GetBoolean());
        Assert.Equal(source.Id, clone.Str("parent_vol_id"));
        Assert.Equal(source.Name, clone.Str("parent_vol_name"));
        Assert.Equal(0, clone.Json.GetProperty("total_usage_bytes").GetInt64());
        var record = Assert.Single(clone.Json.GetProperty("access_control_records").EnumerateArray());
        Assert.Equal(12, record.GetProperty("lun").GetInt64());

        var deleteParent = await sim.DeleteAndFinishAsync(source.Path + "?force=true", token);
        Assert.Contains("has dependent clones: dev-copy", Lifecycle.AssertFailed(deleteParent));
    }

    private static double UsedMiB(Reply detail, string capacityProperty) => capacityProperty == "volumeCapacity"
        ? detail.Json.GetProperty("volumeCapacity").GetProperty("usedSizeMiB").GetDouble()
        : detail.Json.GetProperty("usedSizeMiB").GetDouble();

    private async Task<long> FreeMiBAsync(string systemId, string poolName)
    {
        var pools = await sim.GetAsync(
            $"/api/v1/storage-systems/device-type1/{systemId}/storage-pools?filter=name eq {poolName}", token);
        return pools.Json.GetProperty("items")[0].GetProperty("freeSizeMiB").GetInt64();
    }
}
