using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using DsccSimulator.Tests.Infrastructure;

namespace DsccSimulator.Tests;

public sealed class TokenTests : IAsyncLifetime
{
    private TestSimulator sim;

    public async Task InitializeAsync() =>
        sim = await TestSimulator.StartAsync(TestSimulator.DefaultOptions with { TokenLifetimeSeconds = 60 });

    public async Task DisposeAsync() => await sim.DisposeAsync();

    [Fact]
    public async Task ClientCredentialsInTheFormGetABearerToken()
    {
        var reply = await sim.PostFormAsync(
            "/as/token.oauth2", Form("client_credentials", "dscc-demo-client", "dscc-demo-secret"));

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(new[] { "access_token", "token_type", "expires_in" }, reply.PropertyNames);
        Assert.Equal("Bearer", reply.Str("token_type"));
        Assert.Equal(60, reply.Json.GetProperty("expires_in").GetInt32());
        Assert.Equal(3, reply.Str("access_token").Split('.').Length);
        Assert.Equal("no-store", reply.Message.Headers.CacheControl?.ToString());
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task AnotherMethodThanPostGets405WithAllowAndAnOAuthErrorBody(string method)
    {
        var reply = await sim.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/as/token.oauth2"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, reply.Status);
        Assert.Equal(new[] { "POST" }, reply.Message.Content.Headers.Allow);
        Assert.Equal(new[] { "error", "error_description" }, reply.PropertyNames);
        Assert.Equal("invalid_request", reply.Str("error"));
        Assert.Equal($"Method {method} is not allowed on /as/token.oauth2; use POST.", reply.Str("error_description"));
        Assert.Equal("no-store", reply.Message.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task TokenIsJwtShapedWithExpiryClaim()
    {
        var token = await sim.TokenAsync();

        var claims = token.Split('.')[1].Replace('-', '+').Replace('_', '/');
        claims = claims.PadRight(claims.Length + ((4 - (claims.Length % 4)) % 4), '=');
        using var json = JsonDocument.Parse(Convert.FromBase64String(claims));
        Assert.Equal("dscc-demo-client", json.RootElement.GetProperty("client_id").GetString());
        Assert.Equal(TestSimulator.Start.ToUnixTimeSeconds() + 60, json.RootElement.GetProperty("exp").GetInt64());
    }

    [Fact]
    public async Task HttpBasicClientAuthenticationIsAccepted()
    {
        var basic = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("dscc-demo-client:dscc-demo-secret")));

        var reply = await sim.PostFormAsync(
            "/as/token.oauth2", new Dictionary<string, string> { ["grant_type"] = "client_credentials" }, basic);

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        var check = await sim.GetAsync("/api/v1/storage-systems", reply.Str("access_token"));
        Assert.Equal(HttpStatusCode.OK, check.Status);
    }

    [Theory]
    [InlineData("dscc-demo-client", "wrong-secret")]
    [InlineData("someone-else", "dscc-demo-secret")]
    [InlineData(null, null)]
    public async Task WrongClientGets401InvalidClient(string clientId, string secret)
    {
        var reply = await sim.PostFormAsync("/as/token.oauth2", Form("client_credentials", clientId, secret));

        Assert.Equal(HttpStatusCode.Unauthorized, reply.Status);
        Assert.Equal(new[] { "error", "error_description" }, reply.PropertyNames);
        Assert.Equal("invalid_client", reply.Str("error"));
    }

    [Fact]
    public async Task WrongGrantTypeGets400UnsupportedGrantType()
    {
        var reply = await sim.PostFormAsync(
            "/as/token.oauth2", Form("password", "dscc-demo-client", "dscc-demo-secret"));

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal("unsupported_grant_type", reply.Str("error"));
    }

    [Fact]
    public async Task MissingGrantTypeGets400InvalidRequest()
    {
        var reply = await sim.PostFormAsync("/as/token.oauth2", Form(null, "dscc-demo-client", "dscc-demo-secret"));

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal("invalid_request", reply.Str("error"));
    }

    [Fact]
    public async Task JsonBodyIsRejectedBecauseTheEndpointTakesAForm()
    {
        var reply = await sim.PostJsonAsync("/as/token.oauth2", null, """{"grant_type":"client_credentials"}""");

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal("invalid_request", reply.Str("error"));
    }

    [Fact]
    public async Task NewTokenForTheSameClientInvalidatesThePreviousOne()
    {
        var first = await sim.TokenAsync();
        Assert.Equal(HttpStatusCode.OK, (await sim.GetAsync("/api/v1/volumes", first)).Status);

        var second = await sim.TokenAsync();

        var stale = await sim.GetAsync("/api/v1/volumes", first);
        Assert.Equal(HttpStatusCode.Unauthorized, stale.Status);
        Assert.Equal(new[] { "error", "errorCode" }, stale.PropertyNames);
        Assert.Contains("newer token", stale.Str("error"));
        Assert.Equal(HttpStatusCode.OK, (await sim.GetAsync("/api/v1/volumes", second)).Status);
    }

    [Fact]
    public async Task ExpiredTokenGets401WithTheStorageErrorSchema()
    {
        var token = await sim.TokenAsync();
        sim.Clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(HttpStatusCode.OK, (await sim.GetAsync("/api/v1/storage-systems", token)).Status);

        sim.Clock.Advance(TimeSpan.FromSeconds(1));
        var reply = await sim.GetAsync("/api/v1/storage-systems", token);

        // errorResponse has exactly {error, errorCode}; no traceId on storage paths.
        Assert.Equal(HttpStatusCode.Unauthorized, reply.Status);
        Assert.Equal(new[] { "error", "errorCode" }, reply.PropertyNames);
        Assert.Equal("401", reply.Str("errorCode"));
        Assert.Contains("expired", reply.Str("error"));
        Assert.Equal("Bearer error=\"invalid_token\"", reply.Message.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task ExpiredTokenOnTasksGets401WithThePlatformErrorSchema()
    {
        var token = await sim.TokenAsync();
        sim.Clock.Advance(TimeSpan.FromSeconds(61));

        var reply = await sim.GetAsync("/api/v1/tasks", token);

        // TasksUnauthenticated = ErrorResponse {error, errorCode, traceId}, all required.
        Assert.Equal(HttpStatusCode.Unauthorized, reply.Status);
        Assert.Equal(new[] { "error", "errorCode", "traceId" }, reply.PropertyNames);
        Assert.Equal("UNAUTHENTICATED", reply.Str("errorCode"));
        Assert.Matches("^[0-9a-f]{32}$", reply.Str("traceId"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-token")]
    public async Task MissingOrUnknownTokenGets401(string token)
    {
        var reply = await sim.GetAsync("/api/v1/volumes", token);

        Assert.Equal(HttpStatusCode.Unauthorized, reply.Status);
        SpecAssert.Conforms(reply.Json, "errorResponse");
    }

    [Fact]
    public async Task UnknownApiPathStillNeedsAToken()
    {
        var reply = await sim.GetAsync("/api/v1/no-such-thing", null);

        Assert.Equal(HttpStatusCode.Unauthorized, reply.Status);
    }

    private static Dictionary<string, string> Form(string grantType, string clientId, string secret)
    {
        var form = new Dictionary<string, string>();
        if (grantType is not null)
        {
            form["grant_type"] = grantType;
        }

        if (clientId is not null)
        {
            form["client_id"] = clientId;
        }

        if (secret is not null)
        {
            form["client_secret"] = secret;
        }

        return form;
    }
}
