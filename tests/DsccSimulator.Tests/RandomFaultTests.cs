using System.Net;
using DsccSimulator.Auth;
using DsccSimulator.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DsccSimulator.Tests;

/// <summary><c>--fault-rate</c>: a seeded, repeatable mix of 429/502/503/504 and dropped connections.</summary>
public sealed class RandomFaultTests
{
    private const string CreateBody = """{"name":"random","userCpg":"SSD_r6","sizeMib":1024}""";

    [Fact]
    public async Task TheSameSeedGivesTheSameFaultSequence()
    {
        var first = await OutcomesAsync(seed: 7, calls: 40);
        var again = await OutcomesAsync(seed: 7, calls: 40);
        var otherSeed = await OutcomesAsync(seed: 8, calls: 40);

        Assert.Equal(first, again);
        Assert.NotEqual(first, otherSeed);
        Assert.Contains("200", first);
        Assert.True(first.Distinct().Count() >= 4, string.Join(",", first));
    }

    [Fact]
    public async Task Random429AsksForARetryAfterOneSecond()
    {
        await using var sim = await StartAsync(seed: 3, rate: 1);
        var token = IssueToken(sim);

        Reply limited = null;
        for (var i = 0; i < 50 && limited is null; i++)
        {
            var reply = await TryGetAsync(sim, token);
            limited = reply?.Status == HttpStatusCode.TooManyRequests ? reply : null;
        }

        Assert.NotNull(limited);
        Assert.Equal("1", limited.Message.Headers.GetValues("Retry-After").Single());
        Assert.Equal("429", limited.Str("errorCode"));
    }

    [Fact]
    public async Task PostsOnlyGetFaultsThatComeBeforeProcessing()
    {
        await using var sim = await StartAsync(seed: 11, rate: 1);
        var token = IssueToken(sim);
        const string path = "/api/v1/storage-systems/device-type1/7CE729P013/volumes";

        for (var i = 0; i < 40; i++)
        {
            var reply = await Record.ExceptionAsync(() => sim.PostJsonAsync(path, token, CreateBody));
            Assert.True(reply is null or OperationCanceledException, reply?.ToString());
        }

        var stats = await sim.StatsAsync();
        Assert.Equal(0, stats.GetProperty("writes").GetInt64());
        Assert.Equal(0, stats.Fault("drop-after"));
        Assert.Equal(40, new[] { "429", "502", "503", "504", "drop" }.Sum(key => stats.Fault(key)));
        Assert.All(new[] { "429", "502", "503", "504", "drop" }, key => Assert.True(stats.Fault(key) > 0, key));
    }

    [Fact]
    public async Task ReadsMayAlsoBeDroppedAfterProcessing()
    {
        await using var sim = await StartAsync(seed: 11, rate: 1);
        var token = IssueToken(sim);

        for (var i = 0; i < 60; i++)
        {
            await TryGetAsync(sim, token);
        }

        var stats = await sim.StatsAsync();
        Assert.True(stats.Fault("drop-after") > 0);
        Assert.Equal(60, new[] { "429", "502", "503", "504", "drop", "drop-after" }.Sum(key => stats.Fault(key)));
    }

    [Fact]
    public async Task TheTokenEndpointGetsRandomFaultsToo()
    {
        await using var sim = await StartAsync(seed: 5, rate: 1);

        var replies = new List<HttpStatusCode?>();
        for (var i = 0; i < 10; i++)
        {
            try
            {
                replies.Add((await sim.RequestTokenAsync("dscc-demo-client", "dscc-demo-secret")).Status);
            }
            catch (OperationCanceledException)
            {
                replies.Add(null);
            }
        }

        Assert.DoesNotContain(HttpStatusCode.OK, replies);
        Assert.Empty((await sim.StatsAsync()).GetProperty("tokensIssued").EnumerateObject());
    }

    private static async Task<List<string>> OutcomesAsync(int seed, int calls)
    {
        await using var sim = await StartAsync(seed, rate: 0.5);
        var token = IssueToken(sim);
        var outcomes = new List<string>();
        for (var i = 0; i < calls; i++)
        {
            var reply = await TryGetAsync(sim, token);
            outcomes.Add(reply is null ? "aborted" : ((int)reply.Status).ToString());
        }

        return outcomes;
    }

    private static Task<TestSimulator> StartAsync(int seed, double rate) =>
        TestSimulator.StartAsync(TestSimulator.DefaultOptions with { Seed = seed, FaultRate = rate, Volumes = 8 });

    /// <summary>A token straight from the service, so the HTTP calls under test are the only random draws.</summary>
    private static string IssueToken(TestSimulator sim) =>
        sim.App.Services.GetRequiredService<TokenService>().Issue(sim.Options.ClientId).AccessToken;

    private static async Task<Reply> TryGetAsync(TestSimulator sim, string token)
    {
        try
        {
            return await sim.GetAsync("/api/v1/storage-systems", token);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }
}
