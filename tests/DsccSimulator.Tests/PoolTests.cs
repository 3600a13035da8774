using System.Net;
using DsccSimulator.Tests.Infrastructure;

namespace DsccSimulator.Tests;

public sealed class PoolTests : IAsyncLifetime
{
    private TestSimulator sim;

    private string token;

    public async Task InitializeAsync()
    {
        sim = await TestSimulator.StartAsync();
        token = await sim.TokenAsync();
    }

    public async Task DisposeAsync() => await sim.DisposeAsync();

    [Fact]
    public async Task FleetPoolsLinkToTheirPerTypeDetails()
    {
        var systemId = await Fleet.SystemIdAsync(sim, token, Fleet.PrimeraLab01);

        var pools = await sim.GetAsync($"/api/v1/storage-systems/{systemId}/storage-pools", token);

        Assert.Equal(new[] { "SSD_r6", "SSD_r1", "FC_r5" }, Fleet.Names(pools));
        foreach (var pool in pools.Json.GetProperty("items").EnumerateArray())
        {
            var detail = await sim.GetAsync(pool.GetProperty("resourceUri").GetString(), token);
            Assert.Equal(HttpStatusCode.OK, detail.Status);
            Assert.Equal(pool.GetProperty("id").GetString(), detail.Str("id"));
            Assert.True(detail.Json.GetProperty("freeSizeMiB").GetInt64() > 0);
        }
    }

    [Fact]
    public async Task RunbookCanPickACpgWithEnoughFreeSpace()
    {
        var systemId = await Fleet.SystemIdAsync(sim, token, Fleet.AlletraMp01);

        var roomy = await sim.GetAsync(
            $"/api/v1/storage-systems/device-type4/{systemId}/storage-pools"
                + "?filter=freeSizeMiB gt 1048576&sort=freeSizeMiB desc",
            token);

        Assert.Equal("SSD_r6", Fleet.Names(roomy)[0]);
    }

    [Fact]
    public async Task CreatedVolumesAreCountedInTheirPool()
    {
        var systemId = await Fleet.SystemIdAsync(sim, token, Fleet.NimbleProd01);
        var defaultPool = $"/api/v1/storage-systems/device-type2/{systemId}/storage-pools?filter=is_default eq true";
        var before = await sim.GetAsync(defaultPool, token);
        var submitted = await sim.PostJsonAsync($"/api/v1/storage-systems/device-type2/{systemId}/volumes", token,
            """{"name":"counted","size":1024}""");
        Assert.Equal(HttpStatusCode.Accepted, submitted.Status);

        sim.Clock.Advance(TimeSpan.FromSeconds(10));
        var after = await sim.GetAsync(defaultPool, token);

        var countBefore = before.Json.GetProperty("items")[0].GetProperty("vol_count").GetInt64();
        Assert.Equal(countBefore + 1, after.Json.GetProperty("items")[0].GetProperty("vol_count").GetInt64());
    }

    [Fact]
    public async Task PoolOfAnotherSystemIsNotFound()
    {
        var lab01 = await Fleet.SystemIdAsync(sim, token, Fleet.PrimeraLab01);
        var lab02 = await Fleet.SystemIdAsync(sim, token, Fleet.PrimeraLab02);
        var poolId = await Fleet.PoolIdAsync(sim, token, lab01, "SSD_r6");

        var reply = await sim.GetAsync($"/api/v1/storage-systems/device-type1/{lab02}/storage-pools/{poolId}", token);

        Assert.Equal(HttpStatusCode.NotFound, reply.Status);
        Assert.Equal(new[] { "error", "errorCode" }, reply.PropertyNames);
    }
}
