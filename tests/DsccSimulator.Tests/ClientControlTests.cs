using System.Net;
using DsccSimulator.Cli;
using DsccSimulator.Tests.Infrastructure;

namespace DsccSimulator.Tests;

/// <summary>API clients and their tokens: <c>--client</c> and the <c>/_sim/clients</c> controls.</summary>
public sealed class ClientControlTests : IAsyncLifetime
{
    private TestSimulator sim;

    public async Task InitializeAsync() => sim = await TestSimulator.StartAsync(TestSimulator.DefaultOptions with
    {
        TokenLifetimeSeconds = 60,
        Clients = [new ClientCredentials("ci-runner", "s3cret:with:colons")],
    });

    public async Task DisposeAsync() => await sim.DisposeAsync();

    [Fact]
    public async Task CommandLineClientsGetTokensOfTheirOwn()
    {
        var demo = await sim.TokenAsync();
        var runner = await sim.TokenForAsync("ci-runner", "s3cret:with:colons");

        // One client's new token does not void another client's.
        Assert.Equal(HttpStatusCode.OK, (await sim.GetAsync("/api/v1/volumes", demo)).Status);
        Assert.Equal(HttpStatusCode.OK, (await sim.GetAsync("/api/v1/volumes", runner)).Status);

        var list = await sim.GetAsync("/_sim/clients", null);
        Assert.Equal(
            new[] { ("ci-runner", "full"), ("dscc-demo-client", "full") },
            list.Json.EnumerateArray()
                .Select(c => (c.GetProperty("clientId").GetString(), c.GetProperty("access").GetString())));
        Assert.DoesNotContain("secret", list.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task RegisteredClientGetsTokensAndDuplicatesAreRefused()
    {
        var created = await sim.PostJsonAsync(
            "/_sim/clients", null, """{"clientId":"ops","clientSecret":"ops-secret","access":"full"}""");
        var again = await sim.PostJsonAsync("/_sim/clients", null, """{"clientId":"ops","clientSecret":"other"}""");

        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal("""{"clientId":"ops","access":"full"}""", created.Text);
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Equal("409", again.Str("errorCode"));
        var token = await sim.TokenForAsync("ops", "ops-secret");
        Assert.Equal(HttpStatusCode.OK, (await sim.GetAsync("/api/v1/storage-systems", token)).Status);
    }

    [Fact]
    public async Task ClientWithoutAccessIsConnectedButEveryApiCallIs403()
    {
        await sim.PostJsonAsync("/_sim/clients", null, """{"clientId":"viewer","clientSecret":"v","access":"none"}""");
        var token = await sim.TokenForAsync("viewer", "v");

        var storage = await sim.GetAsync("/api/v1/volumes", token);
        var platform = await sim.GetAsync("/api/v1/tasks", token);

        Assert.Equal(HttpStatusCode.Forbidden, storage.Status);
        Assert.Equal(new[] { "error", "errorCode" }, storage.PropertyNames);
        Assert.Equal("403", storage.Str("errorCode"));
        Assert.Contains("'viewer'", storage.Str("error"));
        Assert.Equal(HttpStatusCode.Forbidden, platform.Status);
        Assert.Equal("FORBIDDEN", platform.Str("errorCode"));
        SpecAssert.Conforms(platform.Json, "ErrorResponse");
        Assert.Equal("none", (await sim.GetAsync("/_sim/clients", null)).Json
            .EnumerateArray().Single(c => c.GetProperty("clientId").GetString() == "viewer")
            .GetProperty("access").GetString());
    }

    [Fact]
    public async Task RotatedSecretRefusesTheOldOneButTheIssuedTokenLivesOn()
    {
        var token = await sim.TokenForAsync("ci-runner", "s3cret:with:colons");

        var rotated = await sim.PostJsonAsync(
            "/_sim/clients/ci-runner/rotate-secret", null, """{"clientSecret":"new-secret"}""");

        Assert.Equal(HttpStatusCode.NoContent, rotated.Status);
        var oldSecret = await sim.RequestTokenAsync("ci-runner", "s3cret:with:colons");
        Assert.Equal(HttpStatusCode.Unauthorized, oldSecret.Status);
        Assert.Equal("invalid_client", oldSecret.Str("error"));
        Assert.Equal(HttpStatusCode.OK, (await sim.GetAsync("/api/v1/volumes", token)).Status);

        // ... until it expires, as real OAuth tokens do.
        sim.Clock.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(HttpStatusCode.Unauthorized, (await sim.GetAsync("/api/v1/volumes", token)).Status);
        var renewed = await sim.TokenForAsync("ci-runner", "new-secret");
        Assert.Equal(HttpStatusCode.OK, (await sim.GetAsync("/api/v1/volumes", renewed)).Status);
    }

    [Fact]
    public async Task DeletedClientLosesItsTokenAtOnceAndForGood()
    {
        var token = await sim.TokenForAsync("ci-runner", "s3cret:with:colons");

        var deleted = await sim.DeleteAsync("/_sim/clients/ci-runner");

        Assert.Equal(HttpStatusCode.NoContent, deleted.Status);
        var refused = await sim.GetAsync("/api/v1/volumes", token);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
        Assert.Contains("revoked", refused.Str("error"));
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await sim.RequestTokenAsync("ci-runner", "s3cret:with:colons")).Status);

        // Registering the id again does not bring the old token back.
        await sim.PostJsonAsync("/_sim/clients", null, """{"clientId":"ci-runner","clientSecret":"again"}""");
        Assert.Equal(HttpStatusCode.Unauthorized, (await sim.GetAsync("/api/v1/volumes", token)).Status);
    }

    [Fact]
    public async Task ExpireTokensEndsTheCurrentTokenNow()
    {
        var token = await sim.TokenAsync();

        var expired = await sim.PostJsonAsync("/_sim/clients/dscc-demo-client/expire-tokens", null, "");

        Assert.Equal(HttpStatusCode.NoContent, expired.Status);
        var refused = await sim.GetAsync("/api/v1/volumes", token);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
        Assert.Contains("expired", refused.Str("error"));
        Assert.Equal("Bearer error=\"invalid_token\"", refused.Message.Headers.WwwAuthenticate.ToString());
        var renewed = await sim.TokenAsync();
        Assert.Equal(HttpStatusCode.OK, (await sim.GetAsync("/api/v1/volumes", renewed)).Status);
    }

    [Fact]
    public async Task RotationNeedsANewSecret()
    {
        var reply = await sim.PostJsonAsync("/_sim/clients/ci-runner/rotate-secret", null, """{"secret":"x"}""");

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Contains("Unknown property 'secret'", reply.Str("error"));
        Assert.Equal(HttpStatusCode.OK, (await sim.RequestTokenAsync("ci-runner", "s3cret:with:colons")).Status);
    }
}
