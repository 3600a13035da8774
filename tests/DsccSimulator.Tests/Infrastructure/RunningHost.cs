using System.Text.RegularExpressions;

namespace DsccSimulator.Tests.Infrastructure;

/// <summary>
/// The command-line host (<see cref="SimulatorHost.RunAsync"/>) on real Kestrel sockets, for what the in-process
/// test server cannot show: dropped connections as a client sees them, and restarts with a state file.
/// </summary>
public sealed class RunningHost : IAsyncDisposable
{
    private readonly CancellationTokenSource stop;

    private RunningHost(Task<int> run, Uri baseAddress, StringWriter stderr, CancellationTokenSource stop)
    {
        this.stop = stop;
        Run = run;
        BaseAddress = baseAddress;
        Stderr = stderr;
        Client = new HttpClient { BaseAddress = baseAddress };
    }

    public Task<int> Run { get; }

    public Uri BaseAddress { get; }

    public StringWriter Stderr { get; }

    public HttpClient Client { get; }

    public static async Task<RunningHost> StartAsync(params string[] args)
    {
        var stdout = new BannerWriter();
        var stderr = new StringWriter();
        var stop = new CancellationTokenSource();
        var run = SimulatorHost.RunAsync(["--port", "0", .. args], stdout, stderr, stop.Token);

        var first = await Task.WhenAny(stdout.Banner, run).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(first == stdout.Banner, $"The simulator ended before listening: {stderr}");
        var match = Regex.Match(stdout.Banner.Result, @"http://127\.0\.0\.1:\d+");
        return new RunningHost(run, new Uri(match.Value), stderr, stop);
    }

    public async Task<string> TokenAsync(string clientId = "dscc-demo-client", string secret = "dscc-demo-secret")
    {
        var reply = await Client.PostAsync("/as/token.oauth2", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret,
        }));
        reply.EnsureSuccessStatusCode();
        using var json = System.Text.Json.JsonDocument.Parse(await reply.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("access_token").GetString();
    }

    /// <summary>Stops the host as Ctrl+C would and returns its exit code.</summary>
    public async Task<int> StopAsync()
    {
        await stop.CancelAsync();
        return await Run.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!Run.IsCompleted)
        {
            await StopAsync();
        }

        stop.Dispose();
    }

    /// <summary>Completes with the first banner line once the host has flushed it.</summary>
    private sealed class BannerWriter : StringWriter
    {
        private readonly TaskCompletionSource<string> banner = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<string> Banner => banner.Task;

        public override Task FlushAsync(CancellationToken cancellationToken)
        {
            var text = ToString();
            if (text.Contains("Client secret:", StringComparison.Ordinal))
            {
                banner.TrySetResult(text.Split(Environment.NewLine)[0]);
            }

            return Task.CompletedTask;
        }
    }
}
