using System.Net;
using DsccSimulator.Tests.Infrastructure;

namespace DsccSimulator.Tests;

/// <summary>The <c>GET/DELETE /_sim/stats</c> counters.</summary>
public sealed class StatsTests : IAsyncLifetime
{
    private static readonly string[] FaultKeys =
        ["429", "500", "502", "503", "504", "drop", "drop-after", "stall", "delay"];

    private TestSimulator sim;

    public async Task InitializeAsync() => sim = await TestSimulator.StartAsync();

    public async Task DisposeAsync() => await sim.DisposeAsync();

    [Fact]
    public async Task AFreshSimulatorReportsZeroesUnderEveryKey()
    {
        var stats = await sim.StatsAsync();

        Assert.Equal(
            new[] { "requests", "tokensIssued", "unauthorized", "faultsInjected", "writes" },
            stats.EnumerateObject().Select(p => p.Name));
        Assert.Equal(0, stats.GetProperty("requests").GetInt64());
        Assert.Empty(stats.GetProperty("tokensIssued").EnumerateObject());
        Assert.Equal(FaultKeys, stats.GetProperty("faultsInjected").EnumerateObject().Select(p => p.Name));
        Assert.All(FaultKeys, key => Assert.Equal(0, stats.Fault(key)));
    }

    [Fact]
    public async Task CountersFollowWhatClientsDid()
    {
        await sim.PostJsonAsync("/_sim/clients", null, """{"clientId":"other","clientSecret":"o"}""");
        var token = await sim.TokenAsync();
        token = await sim.TokenAsync();
        await sim.TokenForAsync("other", "o");
        await sim.RequestTokenAsync("other", "wrong");
        await sim.GetAsync("/api/v1/volumes", null);
        await sim.ScriptFaultAsync("""{"path":"/api/v1/volumes","status":502}""");
        await sim.ScriptFaultAsync("""{"path":"/api/v1/tasks","status":418}""");
        await sim.GetAsync("/api/v1/volumes", token);
        await sim.GetAsync("/api/v1/tasks", token);
        var systemId = await Fleet.SystemIdAsync(sim, token, Fleet.PrimeraLab01);
        var path = $"/api/v1/storage-systems/device-type1/{systemId}/volumes";
        await sim.PostJsonAsync(path, token, """{"name":"counted","userCpg":"SSD_r6","sizeMib":1024}""");
        await sim.PostJsonAsync(path, token, """{"name":"refused","userCpg":"SSD_r6"}""");

        var stats = await sim.StatsAsync();

        // 4 token calls, 4 API reads (one to find the system), 2 creates; /_sim calls are not counted.
        Assert.Equal(10, stats.GetProperty("requests").GetInt64());
        Assert.Equal(2, stats.GetProperty("tokensIssued").GetProperty("dscc-demo-client").GetInt64());
        Assert.Equal(1, stats.GetProperty("tokensIssued").GetProperty("other").GetInt64());
        Assert.Equal(2, stats.GetProperty("unauthorized").GetInt64());
        Assert.Equal(1, stats.Fault("502"));
        Assert.Equal(1, stats.Fault("418"));
        Assert.Equal(0, stats.Fault("503"));
        Assert.Equal(1, stats.GetProperty("writes").GetInt64());
    }

    [Fact]
    public async Task DeleteResetsEveryCounter()
    {
        await sim.TokenAsync();
        await sim.GetAsync("/api/v1/volumes", null);
        await sim.ScriptFaultAsync("""{"path":"/api/v1/volumes","kind":"drop"}""");
        await Record.ExceptionAsync(() => sim.GetAsync("/api/v1/volumes", null));

        var reset = await sim.DeleteAsync("/_sim/stats");

        Assert.Equal(HttpStatusCode.NoContent, reset.Status);
        var stats = await sim.StatsAsync();
        Assert.Equal(0, stats.GetProperty("requests").GetInt64());
        Assert.Equal(0, stats.GetProperty("unauthorized").GetInt64());
        Assert.Empty(stats.GetProperty("tokensIssued").EnumerateObject());
        Assert.Equal(0, stats.Fault("drop"));
    }
}
