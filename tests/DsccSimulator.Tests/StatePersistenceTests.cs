using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using DsccSimulator.Tests.Infrastructure;

namespace DsccSimulator.Tests;

/// <summary><c>--state-file</c>: a restarted simulator continues where the previous run left off.</summary>
public sealed class StatePersistenceTests : IDisposable
{
    private const string CreateBody = """{"name":"kept","userCpg":"SSD_r6","sizeMib":2048}""";

    private readonly string directory = Directory.CreateTempSubdirectory("dscc-sim-state-").FullName;

    private string StatePath => Path.Combine(directory, "state.json");

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task VolumesTasksClientsAndTokensSurviveARestart()
    {
        string volumeId, taskId, token;
        await using (var first = await StartAsync())
        {
            token = await first.TokenAsync();
            var created = await first.PostJsonAsync(await CreatePathAsync(first, token), token, CreateBody);
            taskId = created.Str("taskUri").Split('/')[^1];
            first.Clock.Advance(TimeSpan.FromSeconds(11));
            volumeId = await VolumeIdAsync(first, token, "kept");
            await first.PostJsonAsync(
                "/_sim/clients", null, """{"clientId":"ops","clientSecret":"ops-secret","access":"none"}""");
        }

        Assert.False(File.Exists(StatePath + ".tmp"));
        await using var second = await StartAsync();

        // The old token still works: it has not expired.
        Assert.Equal(volumeId, await VolumeIdAsync(second, token, "kept"));
        var task = await second.GetAsync($"/api/v1/tasks/{taskId}", token);
        Assert.Equal("SUCCEEDED", task.Str("state"));
        Assert.Equal(volumeId, task.Json.GetProperty("associatedResources")[0]
            .GetProperty("resourceUri").GetString()!.Split('/')[^1]);
        var ops = await second.TokenForAsync("ops", "ops-secret");
        Assert.Equal(HttpStatusCode.Forbidden, (await second.GetAsync("/api/v1/volumes", ops)).Status);
        var total = (await second.GetAsync("/api/v1/volumes?limit=0", token)).Json.GetProperty("total").GetInt32();
        Assert.Equal(61, total);
    }

    [Fact]
    public async Task ARunningTaskFinishesAfterTheRestartAndNewIdsDoNotCollide()
    {
        string token;
        await using (var first = await StartAsync())
        {
            token = await first.TokenAsync();
            await first.PostJsonAsync(await CreatePathAsync(first, token), token, CreateBody);

            // Past the 10% mark: the task is RUNNING and holds the name and the capacity.
            first.Clock.Advance(TimeSpan.FromSeconds(2));
            var tasks = await first.GetAsync("/api/v1/tasks", token);
            Assert.Equal("RUNNING", tasks.Json.GetProperty("items")[0].GetProperty("state").GetString());
        }

        await using var second = await StartAsync();
        var path = await CreatePathAsync(second, token);

        // The restored reservation still holds the name: a second create of it fails at the array.
        await second.PostJsonAsync(path, token, CreateBody);
        await second.PostJsonAsync(path, token, """{"name":"after-restart","userCpg":"SSD_r6","sizeMib":1024}""");
        second.Clock.Advance(TimeSpan.FromSeconds(11));

        var states = (await second.GetAsync("/api/v1/tasks", token)).Json.GetProperty("items").EnumerateArray()
            .Select(t => t.GetProperty("state").GetString()).ToList();
        Assert.Equal(new[] { "SUCCEEDED", "FAILED", "SUCCEEDED" }, states);
        var kept = await VolumeIdAsync(second, token, "kept");
        var later = await VolumeIdAsync(second, token, "after-restart");
        Assert.NotEqual(kept, later);
    }

    [Fact]
    public async Task ChangesAreSavedWhileRunningWithoutWaitingForShutdown()
    {
        await using var sim = await StartAsync();

        await sim.PostJsonAsync("/_sim/clients", null, """{"clientId":"saved-early","clientSecret":"x"}""");

        var watch = Stopwatch.StartNew();
        while (!(File.Exists(StatePath) && File.ReadAllText(StatePath).Contains("saved-early"))
            && watch.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50);
        }

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), "The state file was not saved within 10 s.");
        using var saved = JsonDocument.Parse(File.ReadAllText(StatePath));
        Assert.Equal(1, saved.RootElement.GetProperty("format").GetInt32());
        Assert.Equal(60, saved.RootElement.GetProperty("fleet").GetProperty("volumes").GetArrayLength());
    }

    [Theory]
    [InlineData("{\"format\":1,", "is not a valid simulator state file")]
    [InlineData("{\"format\":9}", "is not a valid simulator state file")]
    [InlineData("[]", "is not a valid simulator state file")]
    public async Task ACorruptFileIsOneLineAndExitCode2(string content, string message)
    {
        await File.WriteAllTextAsync(StatePath, content);
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var exitCode = await SimulatorHost.RunAsync(["--port", "0", "--state-file", StatePath], stdout, stderr);

        Assert.Equal(2, exitCode);
        Assert.Equal("", stdout.ToString());
        var line = Assert.Single(stderr.ToString().TrimEnd().Split(Environment.NewLine));
        Assert.StartsWith($"DsccSimulator: state file '{StatePath}' ", line);
        Assert.Contains(message, line);
    }

    [Fact]
    public async Task AFileThatParsesButDoesNotHangTogetherIsOneLineToo()
    {
        await using (var sim = await StartAsync())
        {
            var token = await sim.TokenAsync();
            await sim.PostJsonAsync(await CreatePathAsync(sim, token), token, CreateBody);
        }

        // The same task twice.
        var state = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(StatePath))!;
        var tasks = state["tasks"]!.AsArray();
        tasks.Add(tasks[0]!.DeepClone());
        await File.WriteAllTextAsync(StatePath, state.ToJsonString());
        var stderr = new StringWriter();

        var exitCode = await SimulatorHost.RunAsync(
            ["--port", "0", "--state-file", StatePath], new StringWriter(), stderr);

        Assert.Equal(2, exitCode);
        var line = Assert.Single(stderr.ToString().TrimEnd().Split(Environment.NewLine));
        Assert.Contains("is not a valid simulator state file", line);
    }

    [Fact]
    public async Task AMissingDirectoryIsRefusedBeforeListening()
    {
        var stderr = new StringWriter();
        var missing = Path.Combine(directory, "no-such-dir", "state.json");

        var exitCode = await SimulatorHost.RunAsync(
            ["--port", "0", "--state-file", missing], new StringWriter(), stderr);

        Assert.Equal(2, exitCode);
        Assert.Contains("does not exist", Assert.Single(stderr.ToString().TrimEnd().Split(Environment.NewLine)));
    }

    [Fact]
    public async Task TheCommandLineHostSavesOnCtrlCAndLoadsOnStart()
    {
        string volumeId;
        await using (var first = await RunningHost.StartAsync(
            "--volumes", "8", "--task-duration-ms", "0", "--state-file", StatePath))
        {
            first.Client.DefaultRequestHeaders.Authorization = new("Bearer", await first.TokenAsync());
            var created = await first.Client.PostAsync(
                "/api/v1/storage-systems/device-type1/7CE729P013/volumes",
                new StringContent(CreateBody, Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
            volumeId = await HostVolumeIdAsync(first);
            Assert.Equal(0, await first.StopAsync());
        }

        await using var second = await RunningHost.StartAsync("--volumes", "8", "--state-file", StatePath);
        second.Client.DefaultRequestHeaders.Authorization = new("Bearer", await second.TokenAsync());

        Assert.Equal(volumeId, await HostVolumeIdAsync(second));
        Assert.Equal("", second.Stderr.ToString());
    }

    private Task<TestSimulator> StartAsync() =>
        TestSimulator.StartAsync(TestSimulator.DefaultOptions with { StateFile = StatePath });

    private static async Task<string> CreatePathAsync(TestSimulator sim, string token) =>
        $"/api/v1/storage-systems/device-type1/{await Fleet.SystemIdAsync(sim, token, Fleet.PrimeraLab01)}/volumes";

    private static async Task<string> VolumeIdAsync(TestSimulator sim, string token, string name)
    {
        var reply = await sim.GetAsync($"/api/v1/volumes?filter=name eq {name}", token);
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        return Assert.Single(Fleet.Ids(reply));
    }

    private static async Task<string> HostVolumeIdAsync(RunningHost host)
    {
        var text = await host.Client.GetStringAsync("/api/v1/volumes?filter=name%20eq%20kept");
        using var json = JsonDocument.Parse(text);
        return Assert.Single(json.RootElement.GetProperty("items").EnumerateArray()).GetProperty("id").GetString();
    }
}
