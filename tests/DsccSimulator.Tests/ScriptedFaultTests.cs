using System.Diagnostics;
using System.Net;
using System.Text.Json;
using DsccSimulator.Faults;
using DsccSimulator.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;

namespace DsccSimulator.Tests;

/// <summary>The contract of <c>POST/GET/DELETE /_sim/faults</c> and of each fault kind (in-process server).</summary>
public sealed class ScriptedFaultTests : IAsyncLifetime
{
    private const string CreateBody = """{"name":"faulted","userCpg":"SSD_r6","sizeMib":1024}""";

    private TestSimulator sim;

    private string token;

    private string createPath;

    public async Task InitializeAsync()
    {
        sim = await TestSimulator.StartAsync();
        token = await sim.TokenAsync();
        var systemId = await Fleet.SystemIdAsync(sim, token, Fleet.PrimeraLab01);
        createPath = $"/api/v1/storage-systems/device-type1/{systemId}/volumes";
    }

    public async Task DisposeAsync() => await sim.DisposeAsync();

    [Fact]
    public async Task Scripted429CarriesRetryAfterRateLimitResetAndTheStorageErrorBody()
    {
        var created = await sim.ScriptFaultAsync(
            """{"path":"/api/v1/volumes","status":429,"retryAfter":"2","rateLimitReset":"3"}""");

        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal(new[] { "id" }, created.PropertyNames);
        var faulted = await sim.GetAsync("/api/v1/volumes", token);
        Assert.Equal(HttpStatusCode.TooManyRequests, faulted.Status);
        Assert.Equal("2", faulted.Message.Headers.GetValues("Retry-After").Single());
        Assert.Equal("3", faulted.Message.Headers.GetValues("ratelimit-reset").Single());
        Assert.Equal(new[] { "error", "errorCode" }, faulted.PropertyNames);
        Assert.Equal("429", faulted.Str("errorCode"));
        SpecAssert.Conforms(faulted.Json, "errorResponse");
        Assert.Equal("status", faulted.Message.Headers.GetValues(FaultResponses.FaultHeader).Single());

        // Count defaults to 1: the next call is normal again, and unmarked (so the spec check applies to it).
        var normal = await sim.GetAsync("/api/v1/volumes", token);
        Assert.Equal(HttpStatusCode.OK, normal.Status);
        Assert.False(normal.Message.Headers.Contains(FaultResponses.FaultHeader));
    }

    [Theory]
    [InlineData(503, "SERVICE_UNAVAILABLE")]
    [InlineData(504, "SERVICE_UNAVAILABLE")]
    [InlineData(502, "SERVICE_UNAVAILABLE")]
    [InlineData(429, "TOO_MANY_REQUESTS")]
    [InlineData(500, "INTERNAL_ERROR")]
    public async Task PlatformPathsGetThePlatformErrorBodyWithATraceId(int status, string errorCode)
    {
        await sim.ScriptFaultAsync($$"""{"path":"/api/v1/tasks*","status":{{status}}}""");

        var faulted = await sim.GetAsync("/api/v1/tasks", token);

        Assert.Equal(status, (int)faulted.Status);
        Assert.Equal(new[] { "error", "errorCode", "traceId" }, faulted.PropertyNames);
        Assert.Equal(errorCode, faulted.Str("errorCode"));
        Assert.Matches("^[0-9a-f]{32}$", faulted.Str("traceId"));
        SpecAssert.Conforms(faulted.Json, "ErrorResponse");
    }

    [Theory]
    [InlineData(503)]
    [InlineData(504)]
    public async Task StatusFaultsOnStorageWritesComeBeforeProcessing(int status)
    {
        await sim.ScriptFaultAsync($$"""{"method":"POST","path":"{{createPath}}","status":{{status}},"count":2}""");

        var first = await sim.PostJsonAsync(createPath, token, CreateBody);
        var second = await sim.PostJsonAsync(createPath, token, CreateBody);
        var third = await sim.PostJsonAsync(createPath, token, CreateBody);

        Assert.Equal(status, (int)first.Status);
        Assert.Equal(status.ToString(), first.Str("errorCode"));
        Assert.Equal(status, (int)second.Status);
        Assert.Equal(HttpStatusCode.Accepted, third.Status);
        Assert.Equal(1, await sim.TaskCountAsync(token));
        Assert.Equal(1, (await sim.StatsAsync()).GetProperty("writes").GetInt64());
    }

    [Fact]
    public async Task CountMethodAndPrefixDecideWhichCallsAreHit()
    {
        await sim.ScriptFaultAsync("""{"method":"GET","path":"/api/v1/storage-systems/*","status":503,"count":2}""");

        // Not matched: another method, the prefix itself without the slash, and another path.
        Assert.Equal(HttpStatusCode.Accepted, (await sim.PostJsonAsync(createPath, token, CreateBody)).Status);
        Assert.Equal(HttpStatusCode.OK, (await sim.GetAsync("/api/v1/storage-systems", token)).Status);
        Assert.Equal(HttpStatusCode.OK, (await sim.GetAsync("/api/v1/volumes", token)).Status);

        var pending = await sim.GetAsync("/_sim/faults", null);
        var entry = Assert.Single(pending.Json.EnumerateArray());
        Assert.Equal(2, entry.GetProperty("remaining").GetInt32());

        Assert.Equal(503, (int)(await sim.GetAsync("/api/v1/storage-systems/device-type1", token)).Status);
        Assert.Equal(1, (await sim.GetAsync("/_sim/faults", null)).Json[0].GetProperty("remaining").GetInt32());
        Assert.Equal(503, (int)(await sim.GetAsync("/API/V1/STORAGE-SYSTEMS/device-type2", token)).Status);
        Assert.Equal(HttpStatusCode.OK, (await sim.GetAsync("/api/v1/storage-systems/device-type2", token)).Status);
        Assert.Empty((await sim.GetAsync("/_sim/faults", null)).Json.EnumerateArray());
    }

    [Fact]
    public async Task PendingFaultsAreListedInOrderAndDeleteClearsThem()
    {
        var first = await sim.ScriptFaultAsync(
            """{"path":"/api/v1/volumes","status":429,"retryAfter":1,"count":3}""");
        var second = await sim.ScriptFaultAsync("""{"method":"post","path":"/as/token.oauth2","kind":"drop"}""");

        var list = await sim.GetAsync("/_sim/faults", null);

        Assert.Equal(HttpStatusCode.OK, list.Status);
        var entries = list.Json.EnumerateArray().ToList();
        Assert.Equal(2, entries.Count);
        Assert.Equal(first.Str("id"), entries[0].GetProperty("id").GetString());
        Assert.Equal("/api/v1/volumes", entries[0].GetProperty("path").GetString());
        Assert.Equal("status", entries[0].GetProperty("kind").GetString());
        Assert.Equal(429, entries[0].GetProperty("status").GetInt32());
        Assert.Equal("1", entries[0].GetProperty("retryAfter").GetString());
        Assert.Equal(3, entries[0].GetProperty("count").GetInt32());
        Assert.Equal(3, entries[0].GetProperty("remaining").GetInt32());
        Assert.False(entries[0].TryGetProperty("method", out _));
        Assert.Equal(second.Str("id"), entries[1].GetProperty("id").GetString());
        Assert.Equal("POST", entries[1].GetProperty("method").GetString());
        Assert.Equal("drop", entries[1].GetProperty("kind").GetString());

        var cleared = await sim.DeleteAsync("/_sim/faults");

        Assert.Equal(HttpStatusCode.NoContent, cleared.Status);
        Assert.Empty((await sim.GetAsync("/_sim/faults", null)).Json.EnumerateArray());
        Assert.Equal(HttpStatusCode.OK, (await sim.GetAsync("/api/v1/volumes", token)).Status);
    }

    [Fact]
    public async Task AScriptedBodyReplacesTheDefaultOne()
    {
        await sim.ScriptFaultAsync("""
            {
              "path": "/api/v1/volumes", "status": 503, "retryAfter": "Wed, 21 Oct 2026 07:28:00 GMT",
              "body": {"error": "Appliance in maintenance mode", "errorCode": "503"}
            }
            """);

        var faulted = await sim.GetAsync("/api/v1/volumes", token);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, faulted.Status);
        Assert.Equal("Appliance in maintenance mode", faulted.Str("error"));
        Assert.Equal("Wed, 21 Oct 2026 07:28:00 GMT", faulted.Message.Headers.GetValues("Retry-After").Single());
        Assert.Equal("application/json", faulted.Message.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task TheTokenEndpointCanBeRateLimited()
    {
        await sim.ScriptFaultAsync("""{"path":"/as/token.oauth2","status":429,"retryAfter":"1"}""");

        var limited = await sim.RequestTokenAsync("dscc-demo-client", "dscc-demo-secret");
        var retried = await sim.RequestTokenAsync("dscc-demo-client", "dscc-demo-secret");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.Status);
        Assert.Equal("1", limited.Message.Headers.GetValues("Retry-After").Single());
        Assert.Equal(new[] { "error", "error_description" }, limited.PropertyNames);
        Assert.Equal("temporarily_unavailable", limited.Str("error"));
        Assert.Equal(HttpStatusCode.OK, retried.Status);

        // Only the second call issued a token.
        var stats = await sim.StatsAsync();
        Assert.Equal(2, stats.GetProperty("tokensIssued").GetProperty("dscc-demo-client").GetInt64());
        Assert.Equal(1, stats.Fault("429"));
    }

    [Fact]
    public async Task DropAbortsTheConnectionAndNothingIsProcessed()
    {
        await sim.ScriptFaultAsync($$"""{"method":"POST","path":"{{createPath}}","kind":"drop"}""");

        var error = await Record.ExceptionAsync(() => sim.PostJsonAsync(createPath, token, CreateBody));

        // The test server reports an aborted connection this way; RealHostFaultTests covers real sockets.
        Assert.Contains("aborted", Assert.IsAssignableFrom<OperationCanceledException>(error).Message);
        Assert.Equal(0, await sim.TaskCountAsync(token));
        var stats = await sim.StatsAsync();
        Assert.Equal(1, stats.Fault("drop"));
        Assert.Equal(0, stats.GetProperty("writes").GetInt64());
    }

    [Fact]
    public async Task DropAfterProcessesThePostOnceThenAbortsSoABlindRetryCreatesTwice()
    {
        await sim.ScriptFaultAsync($$"""{"method":"POST","path":"{{createPath}}","kind":"drop-after"}""");

        var error = await Record.ExceptionAsync(() => sim.PostJsonAsync(createPath, token, CreateBody));

        Assert.Contains("aborted", Assert.IsAssignableFrom<OperationCanceledException>(error).Message);
        var tasks = await sim.GetAsync("/api/v1/tasks", token);
        var task = Assert.Single(tasks.Json.GetProperty("items").EnumerateArray());
        Assert.Contains("'faulted'", task.GetProperty("displayName").GetString());
        Assert.Equal(1, (await sim.StatsAsync()).GetProperty("writes").GetInt64());

        // The volume does get created, although the client never saw the 202.
        sim.Clock.Advance(TimeSpan.FromSeconds(11));
        var volumes = await sim.GetAsync("/api/v1/volumes?filter=name eq faulted", token);
        Assert.Equal(1, volumes.Json.GetProperty("total").GetInt32());

        // A client that retries blindly submits a second create (which fails on the array: the name is taken).
        Assert.Equal(HttpStatusCode.Accepted, (await sim.PostJsonAsync(createPath, token, CreateBody)).Status);
        Assert.Equal(2, await sim.TaskCountAsync(token));
    }

    [Fact]
    public async Task StallSendsHeadersAndPartOfTheBodyThenTheClientTimesOut()
    {
        await sim.ScriptFaultAsync("""{"path":"/api/v1/storage-systems","kind":"stall"}""");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/storage-systems");
        request.Headers.Authorization = new("Bearer", token);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        var watch = Stopwatch.StartNew();

        // Headers arrive; the body never completes.
        using var response = await sim.Client.SendAsync(
            request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("stall", response.Headers.GetValues(FaultResponses.FaultHeader).Single());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => response.Content.ReadAsStringAsync(timeout.Token));

        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(10));
        Assert.Equal(1, (await sim.StatsAsync()).Fault("stall"));
        Assert.Equal(HttpStatusCode.OK, (await sim.GetAsync("/api/v1/storage-systems", token)).Status);
    }

    [Fact]
    public async Task AShortStallEndsWithTheCompleteBody()
    {
        await sim.ScriptFaultAsync("""{"path":"/api/v1/storage-systems","kind":"stall","delayMs":300}""");
        var watch = Stopwatch.StartNew();

        var reply = await sim.GetAsync("/api/v1/storage-systems", token);

        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(290), watch.Elapsed.ToString());
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(4, reply.Json.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task DelayWaitsThenAnswersNormally()
    {
        await sim.ScriptFaultAsync("""{"path":"/api/v1/volumes","kind":"delay","delayMs":300}""");
        var watch = Stopwatch.StartNew();

        var delayed = await sim.GetAsync("/api/v1/volumes", token);

        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(290), watch.Elapsed.ToString());
        Assert.Equal(HttpStatusCode.OK, delayed.Status);
        Assert.Equal(60, delayed.Json.GetProperty("total").GetInt32());

        // A delay only makes the normal answer late, so it stays unmarked and spec-checked.
        Assert.False(delayed.Message.Headers.Contains(FaultResponses.FaultHeader));
        Assert.Equal(1, (await sim.StatsAsync()).Fault("delay"));
    }

    [Fact]
    public async Task FaultedCallsAreInTheRequestLogButControlCallsAreNot()
    {
        await sim.DeleteAsync("/_sim/requests");
        await sim.ScriptFaultAsync("""{"path":"/api/v1/volumes","status":503}""");

        await sim.GetAsync("/api/v1/volumes", token);
        await sim.GetAsync("/_sim/stats", null);

        var log = await sim.GetAsync("/_sim/requests", null);
        var entry = Assert.Single(log.Json.EnumerateArray());
        Assert.Equal("/api/v1/volumes", entry.GetProperty("path").GetString());
    }

    [Fact]
    public async Task ControlEndpointsRefuseNonLoopbackCallers()
    {
        var server = sim.App.GetTestServer();

        var context = await server.SendAsync(c =>
        {
            c.Request.Method = "GET";
            c.Request.Path = "/_sim/faults";
            c.Connection.RemoteIpAddress = IPAddress.Parse("192.0.2.10");
        });

        Assert.Equal(403, context.Response.StatusCode);
        using var body = await JsonDocument.ParseAsync(context.Response.Body);
        Assert.Contains("loopback", body.RootElement.GetProperty("error").GetString());
    }
}
