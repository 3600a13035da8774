using System.Net;
using DsccSimulator.Resources.Issues;
using DsccSimulator.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DsccSimulator.Tests;

/// <summary><c>/api/v1/issues</c>: seeded alerts on seeded resources; only active (CREATED) ones are served.</summary>
public sealed class IssueTests : IAsyncLifetime
{
    private const string Issues = "/api/v1/issues";

    private TestSimulator sim;

    private string token;

    public async Task InitializeAsync()
    {
        sim = await TestSimulator.StartAsync();
        token = await sim.TokenAsync();
    }

    public async Task DisposeAsync() => await sim.DisposeAsync();

    [Fact]
    public async Task TheListHoldsActiveIssuesNewestFirst()
    {
        var list = await sim.GetAsync(Issues, token);

        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.Equal(new[] { "items", "total", "pageLimit", "pageOffset" }, list.PropertyNames);
        var items = list.Json.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(6, items.Count);
        Assert.All(items, i => Assert.Equal("CREATED", i.GetProperty("state").GetString()));
        Assert.All(items, i => Assert.Matches("^[0-9a-f-]{36}$", i.GetProperty("id").GetString()));
        var created = items.Select(i => i.GetProperty("createdAt").GetDateTimeOffset()).ToList();
        Assert.Equal(created.OrderDescending(), created);
        Assert.Equal("Host esx-prod-01 lost all paths to Primera-Lab-01", items[0].GetProperty("title").GetString());
    }

    [Fact]
    public async Task SeverityInFiltersLikeTheSpecExample()
    {
        var serious = await sim.GetAsync(Issues + "?filter=severity in ('CRITICAL','WARNING')&sort=title", token);
        var recommendations = await sim.GetAsync(Issues + "?filter=issueType eq 'RECOMMENDATION'", token);

        Assert.Equal(4, serious.Json.GetProperty("total").GetInt32());
        Assert.Equal(new[] { "CRITICAL", "CRITICAL", "WARNING", "WARNING" },
            Fleet.Names(serious, "severity").Order());
        Assert.Equal(
            new[]
            {
                "A drive failed in enclosure 0 of AlletraMP-01", "High read latency on volume vol-0003",
                "Host esx-prod-01 lost all paths to Primera-Lab-01", "Volume vol-0011 is 84% full",
            },
            Fleet.Names(serious, "title"));
        var recommendation = Assert.Single(recommendations.Json.GetProperty("items").EnumerateArray());
        Assert.Equal("MEDIUM", recommendation.GetProperty("severity").GetString());
        Assert.Equal("storage-pool", recommendation.GetProperty("relatedResource").GetProperty("type").GetString());
    }

    [Fact]
    public async Task RelatedResourcesAreRealSeededResources()
    {
        var list = await sim.GetAsync(Issues + "?filter=relatedResource.type in (volume,storage-system,host-initiator)",
            token);

        Assert.Equal(5, list.Json.GetProperty("total").GetInt32());
        foreach (var issue in list.Json.GetProperty("items").EnumerateArray())
        {
            var related = issue.GetProperty("relatedResource");
            var resource = await sim.GetAsync(related.GetProperty("resourceUri").GetString(), token);
            Assert.Equal(HttpStatusCode.OK, resource.Status);
            Assert.Equal(related.GetProperty("name").GetString(), resource.Str("name"));
        }

        var full = await sim.GetAsync(Issues + "?filter=ruleId eq VOL-CAP-USAGE", token);
        var volumeUri = full.Json.GetProperty("items")[0].GetProperty("relatedResource").GetProperty("resourceUri");
        var volume = await sim.GetAsync("/api/v1/volumes/" + volumeUri.GetString().Split('/')[^1], token);
        Assert.Equal(84, (int)(100 * volume.Json.GetProperty("usedSizeMiB").GetDouble()
            / volume.Json.GetProperty("sizeMiB").GetDouble()));
    }

    [Fact]
    public async Task GetByIdHonoursSelectAndTheSpecsErrors()
    {
        var book = sim.App.Services.GetRequiredService<IssueBook>();
        var active = book.Active[0].Id;
        var cleared = book.All.Single(i => !i.IsActive).Id;

        var one = await sim.GetAsync($"{Issues}/{active}?select=id,severity", token);
        var notUuid = await sim.GetAsync($"{Issues}/42", token);
        var unknown = await sim.GetAsync($"{Issues}/{Guid.Empty}", token);
        var inactive = await sim.GetAsync($"{Issues}/{cleared}", token);

        Assert.Equal(HttpStatusCode.OK, one.Status);
        Assert.Equal(new[] { "id", "severity" }, one.PropertyNames);
        Assert.Equal(active.ToString(), one.Str("id"));
        Assert.Equal((HttpStatusCode.BadRequest, "BAD_REQUEST"), (notUuid.Status, notUuid.Str("errorCode")));
        Assert.Equal((HttpStatusCode.NotFound, "NOT_FOUND"), (unknown.Status, unknown.Str("errorCode")));
        Assert.Equal((HttpStatusCode.Conflict, "CONFLICT"), (inactive.Status, inactive.Str("errorCode")));
        Assert.Contains("is not active (state CLOSED)", inactive.Str("error"), StringComparison.Ordinal);
        Assert.All(new[] { notUuid, unknown, inactive }, r => Assert.Matches("^[0-9a-f]{32}$", r.Str("traceId")));
    }

    [Fact]
    public async Task TheSameSeedGivesTheSameIssueIds()
    {
        await using var twin = await TestSimulator.StartAsync();
        var twinToken = await twin.TokenAsync();

        var mine = Fleet.Ids(await sim.GetAsync(Issues, token));
        var theirs = Fleet.Ids(await twin.GetAsync(Issues, twinToken));

        Assert.Equal(mine, theirs);
    }
}
