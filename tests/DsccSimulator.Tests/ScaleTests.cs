using System.Diagnostics;
using System.Net;
using DsccSimulator.Cli;
using DsccSimulator.Store;
using DsccSimulator.Tests.Infrastructure;
using Xunit.Abstractions;

namespace DsccSimulator.Tests;

/// <summary>
/// 100,000 volumes: start and page times with generous bounds (the machine may be busy), printed for the record.
/// Trait <c>Category=Scale</c> lets a quick run skip them: <c>--filter Category!=Scale</c>.
/// </summary>
[Trait("Category", "Scale")]
public sealed class ScaleTests(ITestOutputHelper output)
{
    private const int Volumes = 100_000;

    private static readonly TimeSpan PageBound = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task HundredThousandVolumesStartInSecondsAndEveryPageIsQuick()
    {
        var watch = Stopwatch.StartNew();
        await using var sim = await TestSimulator.StartAsync(TestSimulator.DefaultOptions with { Volumes = Volumes });
        var token = await sim.TokenAsync();
        var first = await TimedAsync(sim, token, "/api/v1/volumes?limit=1000", "first page");
        var startup = watch.Elapsed;
        output.WriteLine($"start and first page: {startup.TotalMilliseconds:F0} ms");
        Assert.True(startup < TimeSpan.FromSeconds(15), startup.ToString());
        Assert.Equal(Volumes, first.Json.GetProperty("total").GetInt32());

        var last = await TimedAsync(sim, token, "/api/v1/volumes?offset=99000&limit=1000", "last page");
        Assert.Equal(1000, last.Json.GetProperty("items").GetArrayLength());
        Assert.Equal("vol-100000", last.Json.GetProperty("items")[999].GetProperty("name").GetString());

        var byName = await TimedAsync(sim, token, "/api/v1/volumes?limit=1000&filter=name eq vol-99999", "name");
        Assert.Equal(new[] { "vol-99999" }, Fleet.Names(byName));
        var lastFiltered = await TimedAsync(
            sim, token, "/api/v1/volumes?offset=24000&limit=1000&filter=sizeMiB gt 1024", "last filtered page");
        Assert.True(lastFiltered.Json.GetProperty("total").GetInt32() > 24000);

        var systemId = await Fleet.SystemIdAsync(sim, token, Fleet.PrimeraLab01);
        var perType = $"/api/v1/storage-systems/device-type1/{systemId}/volumes";
        await TimedAsync(sim, token, perType + "?offset=24000&limit=1000", "device-type1 last page");
        var perTypeName = await TimedAsync(
            sim, token, perType + "?limit=1000&filter=name eq vol-99997", "device-type1 name");
        Assert.Equal(new[] { "vol-99997" }, Fleet.Names(perTypeName));
        await TimedAsync(sim, token, "/api/v1/volumes?limit=1000&sort=name desc", "sorted by name");
    }

    [Fact]
    public void TheSameSeedGivesTheSameHundredThousandVolumes()
    {
        // Different seeds differing is covered by SeedDataTests; here it is the same seed at full scale.
        static string[] Fingerprint() => [.. SeedData.Create(new SimulatorOptions { Seed = 3, Volumes = Volumes })
            .SnapshotVolumes().Select(v => $"{v.Id}/{v.Name}/{v.SizeMiB}/{v.PoolId}/{v.Wwn}")];

        var first = Fingerprint();

        Assert.Equal(first, Fingerprint());
        Assert.Equal(Volumes, first.Select(f => f.Split('/')[0]).Distinct().Count());
    }

    private async Task<Reply> TimedAsync(TestSimulator sim, string token, string path, string label)
    {
        var watch = Stopwatch.StartNew();
        var reply = await sim.GetAsync(path, token);
        output.WriteLine($"{label}: {watch.Elapsed.TotalMilliseconds:F0} ms");
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.True(watch.Elapsed < PageBound, $"{label} took {watch.Elapsed}");
        return reply;
    }
}
