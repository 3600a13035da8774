using System.Net;
using DsccSimulator.Tests.Infrastructure;

namespace DsccSimulator.Tests;

/// <summary>
/// <c>DELETE .../device-typeN/{systemId}/volumes/{id}</c> and its query flags: device-type1/4 <c>unExport</c> and
/// <c>cascade</c>, device-type2 <c>force</c> and the deprecated <c>offline</c>.
/// </summary>
public sealed class VolumeDeleteTests : IAsyncLifetime
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
    [InlineData("device-type1", "")]
    [InlineData("device-type4", "")]
    [InlineData("device-type2", "?offline=true")]
    [InlineData("device-type2", "?force=true")]
    public async Task DeleteRemovesTheVolumeWhenTheTaskSucceeds(string family, string query)
    {
        var volume = await Lifecycle.SeededVolumeAsync(sim, token, family, Lifecycle.SystemNameOf(family));

        var submitted = await sim.DeleteAsync(volume.Path + query, token);

        Assert.Equal(HttpStatusCode.Accepted, submitted.Status);
        Assert.Equal("SUBMITTED", submitted.Str("status"));
        sim.Clock.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(HttpStatusCode.OK, (await sim.GetAsync(volume.Path, token)).Status);

        sim.Clock.Advance(TimeSpan.FromSeconds(1));
        var task = await sim.GetAsync(submitted.Str("taskUri"), token);
        Lifecycle.AssertSucceeded(task);
        Assert.Equal("Delete Volume", task.Str("name"));
        Assert.Equal((volume.Name, volume.Path, "volume"), Lifecycle.AssociatedResource(task));
        Assert.Equal(HttpStatusCode.NotFound, (await sim.GetAsync(volume.Path, token)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await sim.GetAsync(volume.GenericPath, token)).Status);
        var byName = await sim.GetAsync($"/api/v1/volumes?filter=name eq {volume.Name}", token);
        Assert.Equal(0, byName.Json.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task ADeletedVolumesNameAndProvisionedCapacityAreFreeAgain()
    {
        var systemId = await Fleet.SystemIdAsync(sim, token, Fleet.PrimeraLab01);
        var before = await PoolFiguresAsync(systemId, "SSD_r6");
        var volume = await Lifecycle.NewVolumeAsync(sim, token, "device-type1", Fleet.PrimeraLab01, "reuse", 8 << 20);
        var withVolume = await PoolFiguresAsync(systemId, "SSD_r6");

        Lifecycle.AssertSucceeded(await sim.DeleteAndFinishAsync(volume.Path, token));
        var afterDelete = await PoolFiguresAsync(systemId, "SSD_r6");
        var again = await Lifecycle.NewVolumeAsync(sim, token, "device-type1", Fleet.PrimeraLab01, "reuse", 8192);

        Assert.Equal(before.Volumes + 1, withVolume.Volumes);
        Assert.True(withVolume.OverProvisioning > before.OverProvisioning);
        Assert.Equal(before, afterDelete);
        Assert.NotEqual(volume.Id, again.Id);
    }

    [Fact]
    public async Task DeviceType2RefusesToDeleteAnOnlineVolumeUntilItIsOffline()
    {
        var volume = await Lifecycle.SeededVolumeAsync(sim, token, "device-type2", Fleet.NimbleProd01);

        var plain = await sim.DeleteAndFinishAsync(volume.Path, token);
        Assert.Contains($"Volume '{volume.Name}' is online", Lifecycle.AssertFailed(plain));
        Assert.Equal(HttpStatusCode.OK, (await sim.GetAsync(volume.Path, token)).Status);

        Lifecycle.AssertSucceeded(await sim.PutAndFinishAsync(volume.Path, token, """{"online":false}"""));
        Lifecycle.AssertSucceeded(await sim.DeleteAndFinishAsync(volume.Path, token));
        Assert.Equal(HttpStatusCode.NotFound, (await sim.GetAsync(volume.Path, token)).Status);
    }

    [Theory]
    [InlineData("device-type1")]
    [InlineData("device-type4")]
    public async Task AnExportedVolumeIsDeletedOnlyWithUnExport(string family)
    {
        var volume = await Lifecycle.SeededVolumeAsync(sim, token, family, Lifecycle.SystemNameOf(family));
        var group = Lifecycle.HostGroupId(sim, "esx-cluster-prod");
        Lifecycle.AssertSucceeded(await sim.PostAndFinishAsync(
            volume.Path + "/export", token, $$"""{"hostGroupIds":["{{group}}"]}"""));

        var refused = await sim.DeleteAndFinishAsync(volume.Path, token);
        var withFalse = await sim.DeleteAndFinishAsync(volume.Path + "?unExport=false", token);

        var error = Lifecycle.AssertFailed(refused);
        Assert.Contains("is exported to host group(s) 'esx-cluster-prod' (LUN 0)", error);
        Assert.Contains("unExport=true", refused.Json.GetProperty("recommendations")[0].GetProperty("message")
            .GetString());
        Lifecycle.AssertFailed(withFalse);
        Assert.Equal(1, (await sim.GetAsync(volume.Path + "/vluns", token)).Json.GetProperty("total").GetInt32());

        Lifecycle.AssertSucceeded(await sim.DeleteAndFinishAsync(volume.Path + "?unExport=true", token));
        Assert.Equal(HttpStatusCode.NotFound, (await sim.GetAsync(volume.Path, token)).Status);
    }

    [Fact]
    public async Task DeviceType2ExportedVolumeIsDeletedOnlyWithForce()
    {
        var volume = await Lifecycle.SeededVolumeAsync(sim, token, "device-type2", Fleet.NimbleProd01);
        var group = Lifecycle.HostGroupId(sim, "sql-prod");
        Lifecycle.AssertSucceeded(await sim.PostAndFinishAsync(
            volume.Path + "/export", token, $$"""{"host_groups":[{"host_group_id":"{{group}}"}]}"""));

        var offlineOnly = await sim.DeleteAndFinishAsync(volume.Path + "?offline=true", token);

        Assert.Contains("still has access control records for host group(s) 'sql-prod'",
            Lifecycle.AssertFailed(offlineOnly));
        Lifecycle.AssertSucceeded(await sim.DeleteAndFinishAsync(volume.Path + "?force=true", token));
        var records = await sim.GetAsync(volume.SystemPath + "/access-control-records", token);
        Assert.Equal(0, records.Json.GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("device-type1", """{"namePattern":"CUSTOM","customName":"keep-me"}""", "cascade")]
    [InlineData("device-type4", """{"namePattern":"CUSTOM","customName":"keep-me"}""", "cascade")]
    [InlineData("device-type2", """{"name":"keep-me"}""", "force")]
    public async Task AVolumeWithSnapshotsIsDeletedOnlyWithItsFlag(string family, string snapshotBody, string flag)
    {
        var volume = await Lifecycle.SeededVolumeAsync(sim, token, family, Lifecycle.SystemNameOf(family));
        Lifecycle.AssertSucceeded(await sim.PostAndFinishAsync(volume.Path + "/snapshots", token, snapshotBody));
        var offline = family == "device-type2" ? "?offline=true" : "";

        var refused = await sim.DeleteAndFinishAsync(volume.Path + offline, token);

        Assert.Contains("has 1 snapshot(s): 'keep-me'", Lifecycle.AssertFailed(refused));
        Assert.Equal(1, (await sim.GetAsync(volume.Path + "/snapshots", token)).Json.GetProperty("total").GetInt32());

        Lifecycle.AssertSucceeded(await sim.DeleteAndFinishAsync($"{volume.Path}?{flag}=true", token));
        Assert.Equal(HttpStatusCode.NotFound, (await sim.GetAsync(volume.Path + "/snapshots", token)).Status);
    }

    [Fact]
    public async Task CascadeFreesTheSnapshotNamesOfDeviceType1()
    {
        var volume = await Lifecycle.SeededVolumeAsync(sim, token, "device-type1", Fleet.PrimeraLab01);
        Lifecycle.AssertSucceeded(await sim.PostAndFinishAsync(
            volume.Path + "/snapshots", token, """{"namePattern":"CUSTOM","customName":"snap-name"}"""));

        Lifecycle.AssertSucceeded(await sim.DeleteAndFinishAsync(volume.Path + "?cascade=true", token));
        var reuse = await Lifecycle.NewVolumeAsync(sim, token, "device-type1", Fleet.PrimeraLab01, "snap-name");

        Assert.Equal("snap-name", (await sim.GetAsync(reuse.Path, token)).Str("name"));
    }

    [Fact]
    public async Task FlagsOfTheOtherFamilyAreIgnoredLikeAnyUnknownQueryParameter()
    {
        var volume = await Lifecycle.SeededVolumeAsync(sim, token, "device-type2", Fleet.NimbleProd01);

        var task = await sim.DeleteAndFinishAsync(volume.Path + "?cascade=true&unExport=true", token);

        Assert.Contains("is online", Lifecycle.AssertFailed(task));
    }

    [Fact]
    public async Task DeletingAnUnknownVolumeGets404()
    {
        var systemId = await Fleet.SystemIdAsync(sim, token, Fleet.NimbleProd01);

        const string unknownId = "060000000000000000000000000000000000000099";

        var reply = await sim.DeleteAsync(
            $"/api/v1/storage-systems/device-type2/{systemId}/volumes/{unknownId}", token);

        Assert.Equal(HttpStatusCode.NotFound, reply.Status);
        Assert.Equal("404", reply.Str("errorCode"));
    }

    [Fact]
    public async Task TheSecondOfTwoConcurrentDeletesFailsAsBusy()
    {
        var volume = await Lifecycle.SeededVolumeAsync(sim, token, "device-type4", Fleet.AlletraMp01);

        var first = await sim.DeleteAsync(volume.Path, token);
        var second = await sim.DeleteAsync(volume.Path, token);
        sim.Clock.Advance(Lifecycle.TaskDuration);

        Lifecycle.AssertSucceeded(await sim.GetAsync(first.Str("taskUri"), token));
        Assert.Contains("is busy", Lifecycle.AssertFailed(await sim.GetAsync(second.Str("taskUri"), token)));
    }

    private async Task<(int Volumes, double OverProvisioning, long FreeMiB)> PoolFiguresAsync(
        string systemId, string poolName)
    {
        var pools = await sim.GetAsync(
            $"/api/v1/storage-systems/device-type1/{systemId}/storage-pools?filter=name eq {poolName}", token);
        var pool = pools.Json.GetProperty("items")[0];
        return (pool.GetProperty("numberOfTPVV").GetInt32() + pool.GetProperty("numberOfTDVV").GetInt32(),
            pool.GetProperty("overProvRatio").GetDouble(), pool.GetProperty("freeSizeMiB").GetInt64());
    }
}
