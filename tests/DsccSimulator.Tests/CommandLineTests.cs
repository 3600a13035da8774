using DsccSimulator.Cli;

namespace DsccSimulator.Tests;

public sealed class CommandLineTests
{
    [Fact]
    public void PortAloneGivesTheDocumentedDefaults()
    {
        var result = CommandLine.Parse(["--port", "0"]);

        Assert.False(result.IsError);
        Assert.False(result.ShowHelp);
        Assert.Equal(new SimulatorOptions(), result.Options);
        Assert.Equal("dscc-demo-client", result.Options.ClientId);
        Assert.Equal("dscc-demo-secret", result.Options.ClientSecret);
        Assert.Equal(7200, result.Options.TokenLifetimeSeconds);
        Assert.Equal(1, result.Options.Seed);
        Assert.Equal(60, result.Options.Volumes);
        Assert.Equal(50, result.Options.DefaultPageSize);
        Assert.Equal(1000, result.Options.MaxPageSize);
        Assert.Equal(1500, result.Options.TaskDurationMs);
    }

    [Fact]
    public void EveryOptionIsParsed()
    {
        var result = CommandLine.Parse(
        [
            "--port", "8080", "--client-id", "id1", "--client-secret", "s3cret", "--token-lifetime", "30",
            "--seed", "-7", "--volumes", "100000", "--default-page-size", "10", "--max-page-size", "20",
            "--task-duration-ms", "0",
        ]);

        Assert.Null(result.Error);
        Assert.Equal(
            new SimulatorOptions
            {
                Port = 8080, ClientId = "id1", ClientSecret = "s3cret", TokenLifetimeSeconds = 30, Seed = -7,
                Volumes = 100000, DefaultPageSize = 10, MaxPageSize = 20, TaskDurationMs = 0,
            },
            result.Options);
    }

    [Fact]
    public void HelpWinsWhereverItAppears()
    {
        Assert.True(CommandLine.Parse(["--help"]).ShowHelp);
        Assert.True(CommandLine.Parse(["--port", "1", "-h"]).ShowHelp);
        Assert.True(CommandLine.Parse(["--bogus", "--help"]).ShowHelp);
    }

    [Theory]
    [InlineData(new[] { "--port", "0", "--bogus", "1" }, "unknown option '--bogus'")]
    [InlineData(new[] { "--port" }, "option '--port' needs a value")]
    [InlineData(new[] { "--port", "0", "--seed" }, "option '--seed' needs a value")]
    [InlineData(new[] { "--port", "--seed", "1" }, "option '--port' needs a value")]
    [InlineData(new[] { "--port", "abc" }, "option '--port' needs a whole number, got 'abc'")]
    [InlineData(new[] { "--port", "70000" }, "option '--port' must be between 0 and 65535")]
    [InlineData(new[] { "--port", "0", "--volumes", "-1" }, "option '--volumes' must be between 0")]
    [InlineData(new[] { "--port", "0", "--token-lifetime", "1.5" }, "option '--token-lifetime' needs a whole number")]
    [InlineData(new[] { "--port", "0", "--client-id", "" }, "option '--client-id' needs a non-empty value")]
    [InlineData(new[] { "--port", "0", "--default-page-size", "100", "--max-page-size", "10" }, "cannot exceed")]
    [InlineData(new string[0], "option '--port' is required")]
    [InlineData(new[] { "port", "0" }, "unknown option 'port'")]
    [InlineData(new[] { "--port", "5055", "--port", "5056" }, "option '--port' is given more than once")]
    [InlineData(new[] { "--port", "0", "--volumes", "10", "--volumes", "20" },
        "option '--volumes' is given more than once")]
    [InlineData(new[] { "--port", "0", "--client-secret", "a", "--client-secret", "a" },
        "option '--client-secret' is given more than once")]
    public void BadCommandLinesAreExplained(string[] args, string message)
    {
        var result = CommandLine.Parse(args);

        Assert.True(result.IsError);
        Assert.Contains(message, result.Error);
    }

    [Fact]
    public async Task BadCommandLineExitsWith2AndOneLineOnStderr()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var exitCode = await SimulatorHost.RunAsync(["--port", "0", "--volumes", "many"], stdout, stderr);

        Assert.Equal(2, exitCode);
        Assert.Equal("", stdout.ToString());
        var lines = stderr.ToString().TrimEnd().Split(Environment.NewLine);
        var line = Assert.Single(lines);
        Assert.Equal("DsccSimulator: option '--volumes' needs a whole number, got 'many'; use --help for usage.", line);
    }

    [Fact]
    public async Task RepeatedSingleValuedOptionExitsWith2AndOneLineOnStderr()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        // Should the option be taken, the simulator would serve; the stop token ends it, and the test fails.
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        var exitCode = await SimulatorHost.RunAsync(
            ["--port", "0", "--volumes", "1", "--port", "0"], stdout, stderr, stop.Token);

        Assert.Equal(2, exitCode);
        Assert.Equal("", stdout.ToString());
        var line = Assert.Single(stderr.ToString().TrimEnd().Split(Environment.NewLine));
        Assert.Equal("DsccSimulator: option '--port' is given more than once; use --help for usage.", line);
    }

    [Fact]
    public async Task HelpDocumentsEveryOptionAndExits0()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var exitCode = await SimulatorHost.RunAsync(["--help"], stdout, stderr);

        Assert.Equal(0, exitCode);
        Assert.Equal("", stderr.ToString());
        var help = stdout.ToString();
        foreach (var option in new[]
        {
            "--port", "--client-id", "--client-secret", "--token-lifetime", "--seed", "--volumes",
            "--default-page-size", "--max-page-size", "--task-duration-ms", "--help",
        })
        {
            Assert.Contains(option, help);
        }

        Assert.All(help.Split(Environment.NewLine), line => Assert.True(line.Length <= 120, line));
    }
}
