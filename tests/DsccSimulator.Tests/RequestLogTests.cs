using System.Net;
using System.Net.Http.Headers;
using System.Text;
using DsccSimulator.Tests.Infrastructure;

namespace DsccSimulator.Tests;

public sealed class RequestLogTests : IAsyncLifetime
{
    private TestSimulator sim;

    public async Task InitializeAsync() => sim = await TestSimulator.StartAsync();

    public async Task DisposeAsync() => await sim.DisposeAsync();

    [Fact]
    public async Task LogShowsEveryRequestExactlyAsSent()
    {
        var token = await sim.TokenAsync();
        await sim.GetAsync("/api/v1/volumes?limit=2&filter=name%20eq%20vol-0001", token);
        await sim.GetAsync("/api/v1/storage-systems", null);
        var systemId = await Fleet.SystemIdAsync(sim, token, Fleet.PrimeraLab01);
        const string body = """{"name":"logged","userCpg":"SSD_r6","sizeMib":1024}""";
        await sim.PostJsonAsync($"/api/v1/storage-systems/device-type1/{systemId}/volumes", token, body);

        var log = await sim.GetAsync("/_sim/requests", null);

        Assert.Equal(HttpStatusCode.OK, log.Status);
        var entries = log.Json.EnumerateArray().ToList();
        Assert.Equal(5, entries.Count);
        Assert.Equal(
            new[] { "seq", "method", "path", "query", "contentType", "hasBearer", "body" },
            entries[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(new long[] { 1, 2, 3, 4, 5 }, entries.Select(e => e.GetProperty("seq").GetInt64()));

        var tokenRequest = entries[0];
        Assert.Equal("POST", tokenRequest.GetProperty("method").GetString());
        Assert.Equal("/as/token.oauth2", tokenRequest.GetProperty("path").GetString());
        Assert.Equal("application/x-www-form-urlencoded", tokenRequest.GetProperty("contentType").GetString());
        Assert.Equal(
            "grant_type=client_credentials&client_id=dscc-demo-client&client_secret=***",
            tokenRequest.GetProperty("body").GetString());
        Assert.False(tokenRequest.GetProperty("hasBearer").GetBoolean());

        var list = entries[1];
        Assert.Equal("GET", list.GetProperty("method").GetString());
        Assert.Equal("/api/v1/volumes", list.GetProperty("path").GetString());
        Assert.Equal("?limit=2&filter=name%20eq%20vol-0001", list.GetProperty("query").GetString());
        Assert.True(list.GetProperty("hasBearer").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, list.GetProperty("body").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, list.GetProperty("contentType").ValueKind);

        // Rejected requests are logged too.
        Assert.False(entries[2].GetProperty("hasBearer").GetBoolean());
        Assert.Equal("", entries[2].GetProperty("query").GetString());

        var create = entries[4];
        Assert.Equal("POST", create.GetProperty("method").GetString());
        Assert.Equal(
            $"/api/v1/storage-systems/device-type1/{systemId}/volumes", create.GetProperty("path").GetString());
        Assert.Equal("application/json", create.GetProperty("contentType").GetString());
        Assert.Equal(body, create.GetProperty("body").GetString());
    }

    [Theory]
    [InlineData("application/x-www-form-urlencoded", "client_secret=dscc-demo-secret&grant_type=client_credentials",
        "client_secret=***&grant_type=client_credentials")]
    [InlineData("application/x-www-form-urlencoded", "grant_type=x&client%5Fsecret=a%26b&client_secret=",
        "grant_type=x&client%5Fsecret=***&client_secret=***")]
    [InlineData("text/plain", "client_id=c&client_secret=s3cret", "client_id=c&client_secret=***")]
    [InlineData("application/x-www-form-urlencoded", "CLIENT_ID=c&CLIENT_SECRET=s3cret",
        "CLIENT_ID=c&CLIENT_SECRET=***")]
    [InlineData("application/json", "{\"client_id\":\"c\",\"client_secret\":\"s3cret\"}", "***")]
    [InlineData("application/x-www-form-urlencoded", "grant_type=client_credentials&client_id=c",
        "grant_type=client_credentials&client_id=c")]
    public async Task TokenRequestSecretsAreMaskedInTheLog(string contentType, string form, string logged)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/as/token.oauth2")
        {
            Content = new StringContent(form, Encoding.UTF8, contentType),
        };
        await sim.SendAsync(request);

        var log = await sim.GetAsync("/_sim/requests", null);

        var entry = Assert.Single(log.Json.EnumerateArray());
        Assert.Equal(logged, entry.GetProperty("body").GetString());
        Assert.DoesNotContain("s3cret", log.Text);
        Assert.DoesNotContain("dscc-demo-secret", log.Text);
    }

    [Fact]
    public async Task SecretsInATokenRequestsQueryAreMasked()
    {
        await sim.SendAsync(
            new HttpRequestMessage(HttpMethod.Post, "/as/token.oauth2?client_id=c&Client_Secret=s3cret"));

        var log = await sim.GetAsync("/_sim/requests", null);

        var entry = Assert.Single(log.Json.EnumerateArray());
        Assert.Equal("?client_id=c&Client_Secret=***", entry.GetProperty("query").GetString());
        Assert.DoesNotContain("s3cret", log.Text);
    }

    [Fact]
    public async Task FormSecretsSentElsewhereAreMaskedToo()
    {
        await sim.PostFormAsync("/as/token", new Dictionary<string, string> { ["client_secret"] = "s3cret" });

        var log = await sim.GetAsync("/_sim/requests", null);

        Assert.Equal("client_secret=***", Assert.Single(log.Json.EnumerateArray()).GetProperty("body").GetString());
    }

    [Fact]
    public async Task DeleteClearsTheLogAndSequenceNumbersKeepCounting()
    {
        await sim.GetAsync("/api/v1/volumes", null);
        await sim.GetAsync("/api/v1/volumes", null);

        var cleared = await sim.DeleteAsync("/_sim/requests");
        var empty = await sim.GetAsync("/_sim/requests", null);
        await sim.GetAsync("/api/v1/tasks", null);
        var after = await sim.GetAsync("/_sim/requests", null);

        Assert.Equal(HttpStatusCode.NoContent, cleared.Status);
        Assert.Empty(empty.Json.EnumerateArray());
        var entry = Assert.Single(after.Json.EnumerateArray());
        Assert.Equal(3, entry.GetProperty("seq").GetInt64());
        Assert.Equal("/api/v1/tasks", entry.GetProperty("path").GetString());
    }

    [Fact]
    public async Task BasicAuthHeaderIsNotABearer()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/volumes");
        request.Headers.Authorization =
            new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("a:b")));
        await sim.SendAsync(request);

        var log = await sim.GetAsync("/_sim/requests", null);

        Assert.False(Assert.Single(log.Json.EnumerateArray()).GetProperty("hasBearer").GetBoolean());
    }

    [Fact]
    public async Task HealthNeedsNoToken()
    {
        var health = await sim.GetAsync("/_sim/health", null);

        Assert.Equal(HttpStatusCode.OK, health.Status);
        Assert.Equal("OK", health.Str("status"));
    }
}
