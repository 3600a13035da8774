using System.Globalization;
using System.Net;
using System.Text.Json;
using DsccSimulator.Tests.Infrastructure;

namespace DsccSimulator.Tests;

public sealed class FilterSortSelectTests : IAsyncLifetime
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
    [InlineData("name eq Primera-Lab-02")]
    [InlineData("name eq 'Primera-Lab-02'")]
    [InlineData("name eq \"Primera-Lab-02\"")]
    [InlineData("NAME EQ Primera-Lab-02")]
    public async Task EqualityAcceptsUnquotedSingleAndDoubleQuotedLiterals(string filter)
    {
        var reply = await sim.GetAsync("/api/v1/storage-systems?filter=" + Uri.EscapeDataString(filter), token);

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(new[] { Fleet.PrimeraLab02 }, Fleet.Names(reply));
        Assert.Equal(1, reply.Json.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task QuotedLiteralMayContainSpaces()
    {
        var reply = await sim.GetAsync(
            "/api/v1/storage-systems?filter=" + Uri.EscapeDataString("model eq 'HPE Primera 650'"), token);

        Assert.Equal(new[] { Fleet.PrimeraLab02 }, Fleet.Names(reply));
    }

    [Fact]
    public async Task QuoteInsideAQuotedLiteralIsWrittenTwice()
    {
        var reply = await sim.GetAsync(
            "/api/v1/volumes?filter=" + Uri.EscapeDataString("name eq 'it''s not there'"), token);

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(0, reply.Json.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task InMatchesAnyListedValue()
    {
        var reply = await sim.GetAsync("/api/v1/volumes?filter=name in (vol-0003, 'vol-0010',vol-0042)", token);

        Assert.Equal(new[] { "vol-0003", "vol-0010", "vol-0042" }, Fleet.Names(reply));
    }

    [Fact]
    public async Task AndCombinesConditions()
    {
        var nimbleId = await Fleet.SystemIdAsync(sim, token, Fleet.NimbleProd01);
        var all = await sim.GetAsync("/api/v1/volumes?limit=1000", token);
        var expected = all.Json.GetProperty("items").EnumerateArray()
            .Where(v => v.GetProperty("productFamily").GetString() == "deviceType2"
                && v.GetProperty("sizeMiB").GetDouble() > 16384)
            .Select(v => v.GetProperty("name").GetString())
            .ToList();

        var reply = await sim.GetAsync(
            "/api/v1/volumes?limit=1000&filter=productFamily eq deviceType2 and sizeMiB gt 16384", token);

        Assert.NotEmpty(expected);
        Assert.Equal(expected, Fleet.Names(reply));
        Assert.All(reply.Json.GetProperty("items").EnumerateArray(),
            v => Assert.Equal(nimbleId, v.GetProperty("systemId").GetString()));
    }

    [Fact]
    public async Task LessThanComparesNumbers()
    {
        var reply = await sim.GetAsync("/api/v1/volumes?limit=1000&filter=sizeMiB lt 4096", token);

        Assert.NotEmpty(Fleet.Names(reply));
        Assert.All(reply.Json.GetProperty("items").EnumerateArray(),
            v => Assert.True(v.GetProperty("sizeMiB").GetDouble() < 4096));
    }

    [Fact]
    public async Task DottedPathsReachIntoNestedObjects()
    {
        var reply = await sim.GetAsync(
            "/api/v1/storage-systems/device-type1?filter=deviceType.default eq 'HPE Primera 630'", token);

        Assert.Equal(new[] { Fleet.PrimeraLab01 }, Fleet.Names(reply));
    }

    [Fact]
    public async Task DottedPathsReachIntoListsOfObjects()
    {
        var reply = await sim.GetAsync("/api/v1/volumes?filter=associatedLinks.type eq systems", token);

        Assert.Equal(60, reply.Json.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task TimestampsCompareAsTimes()
    {
        var created = await CreateVolumeAsync("filter-probe");
        sim.Clock.Advance(TimeSpan.FromSeconds(1));
        await CreateVolumeAsync("filter-probe-2");

        var reply = await sim.GetAsync(
            "/api/v1/tasks?filter=createdAt gt " + TestSimulator.Start.AddMilliseconds(500).UtcDateTime.ToString(
                "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            token);

        Assert.Equal(1, reply.Json.GetProperty("total").GetInt32());
        Assert.NotEqual(created, reply.Json.GetProperty("items")[0].GetProperty("resourceUri").GetString());
    }

    [Theory]
    [InlineData("nosuchfield eq 1", "nosuchfield")]
    [InlineData("deviceType.nope eq 1", "nope")]
    [InlineData("name eq", "ends")]
    [InlineData("name equals vol-0001", "equals")]
    [InlineData("name ne vol-0001", "'ne'")]
    [InlineData("name eq vol-0001 or name eq vol-0002", "'or'")]
    [InlineData("name eq 'unterminated", "quote")]
    [InlineData("name in vol-0001", "list")]
    [InlineData("name in (vol-0001", "ends")]
    [InlineData("sizeMiB gt big", "number")]
    [InlineData("isInternal gt true", "true/false")]
    [InlineData("associatedLinks eq x", "object")]
    [InlineData("", "empty")]
    public async Task InvalidFiltersGet400NeverAnEmptyList(string filter, string mentioned)
    {
        var reply = await sim.GetAsync("/api/v1/volumes?filter=" + Uri.EscapeDataString(filter), token);

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal(new[] { "error", "errorCode" }, reply.PropertyNames);
        Assert.Equal("400", reply.Str("errorCode"));
        Assert.Contains(mentioned, reply.Str("error"), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task InvalidTaskFilterGets400InThePlatformSchema()
    {
        var reply = await sim.GetAsync("/api/v1/tasks?filter=bogus eq 1", token);

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal(new[] { "error", "errorCode", "traceId" }, reply.PropertyNames);
        Assert.Equal("BAD_REQUEST", reply.Str("errorCode"));
    }

    [Fact]
    public async Task SortOrdersByOneOrMoreKeys()
    {
        var reply = await sim.GetAsync("/api/v1/volumes?limit=1000&sort=sizeMiB desc,name asc", token);

        var items = reply.Json.GetProperty("items").EnumerateArray()
            .Select(v => (Size: v.GetProperty("sizeMiB").GetDouble(), Name: v.GetProperty("name").GetString()))
            .ToList();
        var expected = items.OrderByDescending(i => i.Size).ThenBy(i => i.Name, StringComparer.Ordinal).ToList();
        Assert.Equal(expected, items);
        Assert.True(items[0].Size > items[^1].Size);
    }

    [Theory]
    [InlineData("nosuch", "nosuch")]
    [InlineData("name sideways", "sideways")]
    [InlineData("associatedLinks", "not a single value")]
    public async Task InvalidSortGets400(string sort, string mentioned)
    {
        var reply = await sim.GetAsync("/api/v1/volumes?sort=" + Uri.EscapeDataString(sort), token);

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Contains(mentioned, reply.Str("error"));
    }

    [Fact]
    public async Task SelectKeepsOnlyTheNamedPropertiesOfEachItem()
    {
        var reply = await sim.GetAsync("/api/v1/storage-systems/device-type1?select=id,deviceType.key", token);

        var first = reply.Json.GetProperty("items")[0];
        Assert.Equal(new[] { "deviceType", "id" }, first.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(new[] { "key" }, first.GetProperty("deviceType").EnumerateObject().Select(p => p.Name));
        Assert.Equal(2, reply.Json.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task SelectWorksOnSingleResources()
    {
        var id = await Fleet.SystemIdAsync(sim, token, Fleet.AlletraMp01);

        var reply = await sim.GetAsync($"/api/v1/storage-systems/{id}?select=name,productFamily", token);

        Assert.Equal("""{"name":"AlletraMP-01","productFamily":"deviceType4"}""", reply.Text);
    }

    [Fact]
    public async Task SelectOfUnknownPropertyGets400()
    {
        var reply = await sim.GetAsync("/api/v1/volumes?select=id,bogus", token);

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Contains("bogus", reply.Str("error"));
    }

    [Fact]
    public async Task SnakeCaseNamesFilterDeviceType2Lists()
    {
        var nimbleId = await Fleet.SystemIdAsync(sim, token, Fleet.NimbleProd01);

        var reply = await sim.GetAsync(
            $"/api/v1/storage-systems/device-type2/{nimbleId}/volumes?filter=pool_name eq default", token);

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.NotEmpty(Fleet.Names(reply));
        Assert.All(reply.Json.GetProperty("items").EnumerateArray(),
            v => Assert.Equal("default", v.GetProperty("pool_name").GetString()));
    }

    private async Task<string> CreateVolumeAsync(string name)
    {
        var systemId = await Fleet.SystemIdAsync(sim, token, Fleet.PrimeraLab01);
        var reply = await sim.PostJsonAsync($"/api/v1/storage-systems/device-type1/{systemId}/volumes", token,
            JsonSerializer.Serialize(new { name, userCpg = "SSD_r6", sizeMib = 1024 }));
        Assert.Equal(HttpStatusCode.Accepted, reply.Status);
        return reply.Str("taskUri");
    }
}
