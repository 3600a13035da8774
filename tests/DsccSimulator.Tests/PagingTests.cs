using System.Net;
using DsccSimulator.Tests.Infrastructure;

namespace DsccSimulator.Tests;

public sealed class PagingTests : IAsyncLifetime
{
    private TestSimulator sim;

    private string token;

    public async Task InitializeAsync()
    {
        // 45 volumes, default page 7, max page 20: small numbers that make every boundary easy to hit.
        sim = await TestSimulator.StartAsync(
            TestSimulator.DefaultOptions with { Volumes = 45, DefaultPageSize = 7, MaxPageSize = 20 });
        token = await sim.TokenAsync();
    }

    public async Task DisposeAsync() => await sim.DisposeAsync();

    [Fact]
    public async Task PagesThatEndExactlyOnTheLastItemReturnEveryIdOnce()
    {
        var seen = new List<string>();
        for (var offset = 0; offset < 45; offset += 9)
        {
            var page = await sim.GetAsync($"/api/v1/volumes?offset={offset}&limit=9", token);

            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.Equal(45, page.Json.GetProperty("total").GetInt32());
            Assert.Equal(9, page.Json.GetProperty("pageLimit").GetInt32());
            Assert.Equal(offset, page.Json.GetProperty("pageOffset").GetInt32());
            Assert.Equal($"/api/v1/volumes?offset={offset}&limit=9", page.Str("requestUri"));
            seen.AddRange(Fleet.Ids(page));
        }

        var afterLast = await sim.GetAsync("/api/v1/volumes?offset=45&limit=9", token);
        Assert.Empty(afterLast.Json.GetProperty("items").EnumerateArray());
        Assert.Equal(45, afterLast.Json.GetProperty("total").GetInt32());

        Assert.Equal(45, seen.Count);
        Assert.Equal(45, seen.Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 45).Select(i => $"vol-{i:D4}"), await AllNamesAsync());
    }

    [Fact]
    public async Task UnevenPagesCoverTheListWithoutGapsOrDuplicates()
    {
        var names = new List<string>();
        for (var offset = 0; offset < 45; offset += 20)
        {
            var page = await sim.GetAsync($"/api/v1/volumes?offset={offset}&limit=20", token);
            Assert.Equal(Math.Min(20, 45 - offset), page.Json.GetProperty("items").GetArrayLength());
            names.AddRange(Fleet.Names(page));
        }

        Assert.Equal(await AllNamesAsync(), names);
    }

    [Fact]
    public async Task MissingLimitUsesTheDefaultPageSize()
    {
        var page = await sim.GetAsync("/api/v1/volumes", token);

        Assert.Equal(7, page.Json.GetProperty("items").GetArrayLength());
        Assert.Equal(7, page.Json.GetProperty("pageLimit").GetInt32());
        Assert.Equal(0, page.Json.GetProperty("pageOffset").GetInt32());
    }

    [Fact]
    public async Task LimitAboveTheMaximumIsCappedAndReportedInPageLimit()
    {
        var page = await sim.GetAsync("/api/v1/volumes?limit=1000", token);

        Assert.Equal(20, page.Json.GetProperty("items").GetArrayLength());
        Assert.Equal(20, page.Json.GetProperty("pageLimit").GetInt32());
    }

    [Theory]
    [InlineData("/api/v1/volumes")]
    [InlineData("/api/v1/tasks")]
    public async Task LimitBeyondEveryIntegerTypeIsCappedLikeAnyLargeLimit(string list)
    {
        var page = await sim.GetAsync(list + "?limit=99999999999999999999", token);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(20, page.Json.GetProperty("pageLimit").GetInt32());
        Assert.True(page.Json.GetProperty("items").GetArrayLength() <= 20);
    }

    [Fact]
    public async Task OffsetBeyondEveryIntegerTypeIsPastTheEnd()
    {
        var page = await sim.GetAsync("/api/v1/volumes?offset=99999999999999999999&limit=5", token);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Empty(page.Json.GetProperty("items").EnumerateArray());
        Assert.Equal(45, page.Json.GetProperty("total").GetInt32());
        Assert.Equal(int.MaxValue, page.Json.GetProperty("pageOffset").GetInt32());
    }

    [Fact]
    public async Task LimitZeroReturnsOnlyTheTotal()
    {
        var page = await sim.GetAsync("/api/v1/volumes?limit=0", token);

        Assert.Equal(0, page.Json.GetProperty("items").GetArrayLength());
        Assert.Equal(45, page.Json.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task TotalCountsFilterMatchesAcrossAllPages()
    {
        var systemId = await Fleet.SystemIdAsync(sim, token, Fleet.PrimeraLab01);

        var page = await sim.GetAsync($"/api/v1/volumes?filter=systemId eq {systemId}&limit=5&offset=10", token);

        // Round-robin over 4 systems: volumes 1, 5, 9, ..., 45 are on the first system.
        Assert.Equal(12, page.Json.GetProperty("total").GetInt32());
        Assert.Equal(new[] { "vol-0041", "vol-0045" }, Fleet.Names(page));
    }

    [Theory]
    [InlineData("limit=-1", "limit")]
    [InlineData("limit=abc", "limit")]
    [InlineData("limit=2.5", "limit")]
    [InlineData("offset=-5", "offset")]
    [InlineData("offset=1e3", "offset")]
    [InlineData("limit=1&limit=2", "limit")]
    public async Task BadPagingParametersGet400(string query, string parameter)
    {
        var reply = await sim.GetAsync("/api/v1/volumes?" + query, token);

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal(new[] { "error", "errorCode" }, reply.PropertyNames);
        Assert.Contains(parameter, reply.Str("error"));
    }

    [Fact]
    public async Task EveryListEndpointPages()
    {
        var systemId = await Fleet.SystemIdAsync(sim, token, Fleet.PrimeraLab01);
        string[] lists =
        [
            "/api/v1/storage-systems", "/api/v1/storage-systems/device-type1", "/api/v1/volumes",
            $"/api/v1/storage-systems/{systemId}/volumes", $"/api/v1/storage-systems/{systemId}/storage-pools",
            $"/api/v1/storage-systems/device-type1/{systemId}/volumes", "/api/v1/tasks",
        ];

        foreach (var list in lists)
        {
            var page = await sim.GetAsync(list + "?limit=1&offset=1", token);
            Assert.True(page.Status == HttpStatusCode.OK, list);
            Assert.True(page.Json.GetProperty("items").GetArrayLength() <= 1, list);
            Assert.Equal(1, page.Json.GetProperty("pageLimit").GetInt32());
            Assert.Equal(1, page.Json.GetProperty("pageOffset").GetInt32());
        }
    }

    private async Task<List<string>> AllNamesAsync()
    {
        var names = new List<string>();
        for (var offset = 0; offset < 45; offset += 20)
        {
            names.AddRange(Fleet.Names(await sim.GetAsync($"/api/v1/volumes?offset={offset}&limit=20", token)));
        }

        return names;
    }
}
