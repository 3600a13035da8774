using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using DsccSimulator.Tests.Infrastructure;

namespace DsccSimulator.Tests;

/// <summary>Faults as a client sees them over real sockets (Kestrel), including shutdown during a stall.</summary>
public sealed class RealHostFaultTests
{
    [Fact]
    public async Task DropAndDropAfterCloseTheConnectionWithoutAResponse()
    {
        await using var host = await RunningHost.StartAsync("--volumes", "8");
        var token = await host.TokenAsync();
        host.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        const string createPath = "/api/v1/storage-systems/device-type1/7CE729P013/volumes";
        await ScriptAsync(host, $$"""{"method":"POST","path":"{{createPath}}","kind":"drop-after"}""");
        await ScriptAsync(host, """{"method":"GET","path":"/api/v1/volumes","kind":"drop"}""");

        var afterProcessing = await Record.ExceptionAsync(() => host.Client.PostAsync(createPath, new StringContent(
            """{"name":"dropped-after","userCpg":"SSD_r6","sizeMib":1024}""", Encoding.UTF8, "application/json")));
        var beforeProcessing = await Record.ExceptionAsync(() => host.Client.GetAsync("/api/v1/volumes"));

        Assert.IsType<HttpRequestException>(afterProcessing);
        Assert.IsType<HttpRequestException>(beforeProcessing);
        var tasks = await host.Client.GetStringAsync("/api/v1/tasks");
        Assert.Equal(1, JsonDocument.Parse(tasks).RootElement.GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync("/api/v1/volumes")).StatusCode);
    }

    [Fact]
    public async Task ShutdownEndsAStalledRequestPromptly()
    {
        var host = await RunningHost.StartAsync("--volumes", "8");
        var token = await host.TokenAsync();
        await ScriptAsync(host, """{"path":"/api/v1/storage-systems","kind":"stall"}""");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/storage-systems");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await host.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var reading = response.Content.ReadAsStringAsync();
        var watch = Stopwatch.StartNew();

        var exitCode = await host.StopAsync();

        Assert.Equal(0, exitCode);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), watch.Elapsed.ToString());
        await Assert.ThrowsAnyAsync<Exception>(() => reading.WaitAsync(TimeSpan.FromSeconds(10)));
        await host.DisposeAsync();
    }

    [Fact]
    public async Task LatencyIsAddedToTokenAndApiCalls()
    {
        await using var host = await RunningHost.StartAsync("--volumes", "8", "--latency-ms", "250");
        var watch = Stopwatch.StartNew();

        var token = await host.TokenAsync();
        var tokenTime = watch.Elapsed;
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/storage-systems");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var reply = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        Assert.True(tokenTime >= TimeSpan.FromMilliseconds(240), tokenTime.ToString());
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(480), watch.Elapsed.ToString());

        // Control calls are not slowed down.
        watch.Restart();
        await host.Client.GetAsync("/_sim/health");
        Assert.True(watch.Elapsed < TimeSpan.FromMilliseconds(240), watch.Elapsed.ToString());
    }

    private static async Task ScriptAsync(RunningHost host, string json)
    {
        var reply = await host.Client.PostAsync(
            "/_sim/faults", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, reply.StatusCode);
    }
}
