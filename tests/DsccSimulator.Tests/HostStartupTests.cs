using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace DsccSimulator.Tests;

/// <summary>Starts the real command-line host on Kestrel, as build scripts do, and reads its banner.</summary>
public sealed class HostStartupTests
{
    [Fact]
    public async Task PortZeroListensOnLoopbackAndPrintsTheBannerScriptsParse()
    {
        var stdout = new BannerWriter();
        var stderr = new StringWriter();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var run = SimulatorHost.RunAsync(
            ["--port", "0", "--volumes", "8", "--client-id", "ci-client", "--client-secret", "ci-secret"],
            stdout, stderr, stop.Token);

        var banner = await stdout.Banner.WaitAsync(TimeSpan.FromSeconds(20));

        var match = Regex.Match(banner[0], @"^DSCC simulator listening on http://127\.0\.0\.1:(\d+)$");
        Assert.True(match.Success, banner[0]);
        Assert.Equal("Client id: ci-client", banner[1]);
        Assert.Equal("Client secret: ci-secret", banner[2]);
        var port = int.Parse(match.Groups[1].Value);
        Assert.NotEqual(0, port);

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var health = await http.GetAsync("/_sim/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        var token = await http.PostAsync("/as/token.oauth2", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = "ci-client", ["client_secret"] = "ci-secret",
        }));
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);

        // Loopback IPv4 only: nothing answers on the IPv6 loopback.
        using var v6 = new TcpClient(AddressFamily.InterNetworkV6);
        await Assert.ThrowsAnyAsync<SocketException>(() => v6.ConnectAsync(IPAddress.IPv6Loopback, port));

        await stop.CancelAsync();
        Assert.Equal(0, await run);
        Assert.Equal("", stderr.ToString());
    }

    [Fact]
    public async Task PortInUseIsReportedWithoutAStackTrace()
    {
        using var blocker = new TcpListener(IPAddress.Loopback, 0);
        blocker.Start();
        var port = ((IPEndPoint)blocker.LocalEndpoint).Port;
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var exitCode = await SimulatorHost.RunAsync(["--port", port.ToString(), "--volumes", "1"], stdout, stderr);

        Assert.Equal(1, exitCode);
        Assert.StartsWith($"DsccSimulator: cannot listen on 127.0.0.1:{port}", stderr.ToString());
        Assert.DoesNotContain("   at ", stderr.ToString());
    }

    [Fact]
    public async Task PortInUseGivesOneLineOnTheProcessStderrAndNoLogOfTheFailedStart()
    {
        using var blocker = new TcpListener(IPAddress.Loopback, 0);
        blocker.Start();
        var port = ((IPEndPoint)blocker.LocalEndpoint).Port;

        // The real executable in a process of its own: only there does ASP.NET's console log reach stderr.
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { typeof(SimulatorHost).Assembly.Location, "--port", $"{port}", "--volumes", "1" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        Assert.Equal(1, process.ExitCode);
        Assert.Equal("", await stdout);
        Assert.Equal(
            $"DsccSimulator: cannot listen on 127.0.0.1:{port}: the port is already in use.", (await stderr).TrimEnd());
    }

    /// <summary>The dotnet host running the tests (testhost runs under it), else the one on the PATH.</summary>
    private static string DotnetHost()
    {
        var current = Environment.ProcessPath;
        return Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
    }

    /// <summary>Captures stdout and completes once the three banner lines are written.</summary>
    private sealed class BannerWriter : StringWriter
    {
        private readonly TaskCompletionSource<string[]> banner =
            new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<string[]> Banner => banner.Task;

        public override Task FlushAsync(CancellationToken cancellationToken)
        {
            var lines = ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
            if (lines.Length >= 3)
            {
                banner.TrySetResult(lines[..3]);
            }

            return Task.CompletedTask;
        }
    }
}
