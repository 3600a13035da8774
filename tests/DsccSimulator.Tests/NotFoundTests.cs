using System.Net;
using DsccSimulator.Tests.Infrastructure;

namespace DsccSimulator.Tests;

public sealed class NotFoundTests : IAsyncLifetime
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
    [InlineData("/api/v1/storage-systems/NOSUCHID")]
    [InlineData("/api/v1/storage-systems/device-type1/NOSUCHID")]
    [InlineData("/api/v1/storage-systems/device-type2/NOSUCHID")]
    [InlineData("/api/v1/storage-systems/device-type4/NOSUCHID")]
    [InlineData("/api/v1/storage-systems/NOSUCHID/volumes")]
    [InlineData("/api/v1/storage-systems/NOSUCHID/storage-pools")]
    [InlineData("/api/v1/storage-systems/device-type1/NOSUCHID/volumes")]
    [InlineData("/api/v1/volumes/0123456789abcdef0123456789abcdef")]
    [InlineData("/api/v1/no-such-collection")]
    public async Task UnknownIdsAndRoutesGet404InTheStorageSchema(string path)
    {
        var reply = await sim.GetAsync(path, token);

        Assert.Equal(HttpStatusCode.NotFound, reply.Status);
        Assert.Equal(new[] { "error", "errorCode" }, reply.PropertyNames);
        Assert.Equal("404", reply.Str("errorCode"));
    }

    [Fact]
    public async Task SystemOfAnotherFamilyIsNotFoundUnderThisFamily()
    {
        var nimbleId = await Fleet.SystemIdAsync(sim, token, Fleet.NimbleProd01);

        var wrongFamily = await sim.GetAsync($"/api/v1/storage-systems/device-type1/{nimbleId}", token);
        var rightFamily = await sim.GetAsync($"/api/v1/storage-systems/device-type2/{nimbleId}", token);

        Assert.Equal(HttpStatusCode.NotFound, wrongFamily.Status);
        Assert.Equal(HttpStatusCode.OK, rightFamily.Status);
    }

    [Fact]
    public async Task VolumeOfAnotherSystemIsNotFoundUnderThisSystem()
    {
        var lab01 = await Fleet.SystemIdAsync(sim, token, Fleet.PrimeraLab01);
        var lab02 = await Fleet.SystemIdAsync(sim, token, Fleet.PrimeraLab02);
        var volumeId = Fleet.Ids(await sim.GetAsync($"/api/v1/storage-systems/{lab01}/volumes?limit=1", token))[0];

        Assert.Equal(HttpStatusCode.OK,
            (await sim.GetAsync($"/api/v1/storage-systems/device-type1/{lab01}/volumes/{volumeId}", token)).Status);
        Assert.Equal(HttpStatusCode.NotFound,
            (await sim.GetAsync($"/api/v1/storage-systems/device-type1/{lab02}/volumes/{volumeId}", token)).Status);
    }

    [Fact]
    public async Task UnknownRouteOutsideTheApiGets404Json()
    {
        var reply = await sim.GetAsync("/nothing/here", null);

        Assert.Equal(HttpStatusCode.NotFound, reply.Status);
        Assert.Contains("/nothing/here", reply.Str("error"));
    }

    [Fact]
    public async Task UnknownRouteWithADotInItsLastSegmentGets404JsonToo()
    {
        var reply = await sim.GetAsync("/as/other.oauth2", null);

        Assert.Equal(HttpStatusCode.NotFound, reply.Status);
        Assert.Contains("/as/other.oauth2", reply.Str("error"));
    }

    [Fact]
    public async Task WrongMethodGets405WithAllowHeader()
    {
        var reply = await sim.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/v1/volumes")
        {
            Headers = { Authorization = new("Bearer", token) },
        });

        Assert.Equal(HttpStatusCode.MethodNotAllowed, reply.Status);
        Assert.Equal(new[] { "error", "errorCode" }, reply.PropertyNames);
        Assert.Contains("GET", reply.Message.Content.Headers.Allow);
    }
}
