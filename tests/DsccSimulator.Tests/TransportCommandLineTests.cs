using DsccSimulator.Cli;

namespace DsccSimulator.Tests;

/// <summary>The options for clients, faults and the state file.</summary>
public sealed class TransportCommandLineTests
{
    [Fact]
    public void TransportOptionsAreParsed()
    {
        var result = CommandLine.Parse(
        [
            "--port", "0", "--client", "a:1", "--client", "b:x:y", "--latency-ms", "25", "--fault-rate", "0.125",
            "--state-file", "state.json",
        ]);

        Assert.Null(result.Error);
        Assert.Equal(
            new[] { new ClientCredentials("a", "1"), new ClientCredentials("b", "x:y") }, result.Options.Clients);
        Assert.Equal(25, result.Options.LatencyMs);
        Assert.Equal(0.125, result.Options.FaultRate);
        Assert.Equal("state.json", result.Options.StateFile);
    }

    [Fact]
    public void DefaultsAreNoExtraClientsNoLatencyNoFaultsNoStateFile()
    {
        var options = CommandLine.Parse(["--port", "0"]).Options;

        Assert.Empty(options.Clients);
        Assert.Equal(0, options.LatencyMs);
        Assert.Equal(0, options.FaultRate);
        Assert.Null(options.StateFile);
    }

    [Theory]
    [InlineData(new[] { "--fault-rate", "1.5" }, "option '--fault-rate' must be between 0 and 1, got 1.5")]
    [InlineData(new[] { "--fault-rate", "-0.1" }, "option '--fault-rate' needs a number from 0 to 1, got '-0.1'")]
    [InlineData(new[] { "--fault-rate", "1e-3" }, "option '--fault-rate' needs a number from 0 to 1")]
    [InlineData(new[] { "--latency-ms", "-1" }, "option '--latency-ms' must be between 0 and 600000, got -1")]
    [InlineData(new[] { "--latency-ms", "fast" }, "option '--latency-ms' needs a whole number")]
    [InlineData(new[] { "--client", "nocolon" }, "option '--client' needs <id>:<secret>")]
    [InlineData(new[] { "--client", ":secret" }, "option '--client' needs <id>:<secret>")]
    [InlineData(new[] { "--client", "id:" }, "option '--client' needs <id>:<secret>")]
    [InlineData(new[] { "--client", "dscc-demo-client:x" }, "client id 'dscc-demo-client' is given more than once")]
    [InlineData(new[] { "--client", "a:1", "--client", "a:2" }, "client id 'a' is given more than once")]
    [InlineData(new[] { "--state-file", " " }, "option '--state-file' needs a non-empty value")]
    public void BadTransportOptionsAreExplained(string[] options, string message)
    {
        var result = CommandLine.Parse(["--port", "0", .. options]);

        Assert.True(result.IsError);
        Assert.Contains(message, result.Error);
    }

    [Theory]
    [InlineData("--fault-rate", "1.5")]
    [InlineData("--latency-ms", "-1")]
    [InlineData("--client", "nocolon")]
    public async Task BadValuesExitWith2AndOneLine(string option, string value)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var exitCode = await SimulatorHost.RunAsync(["--port", "0", option, value], stdout, stderr);

        Assert.Equal(2, exitCode);
        Assert.Equal("", stdout.ToString());
        var line = Assert.Single(stderr.ToString().TrimEnd().Split(Environment.NewLine));
        Assert.StartsWith($"DsccSimulator: option '{option}'", line);
        Assert.EndsWith("; use --help for usage.", line);
    }

    [Fact]
    public async Task HelpDocumentsTheTransportOptionsAndControls()
    {
        var stdout = new StringWriter();

        Assert.Equal(0, await SimulatorHost.RunAsync(["--help"], stdout, new StringWriter()));

        var help = stdout.ToString();
        foreach (var text in new[]
        {
            "--client <id>:<secret>", "--latency-ms <n>", "--fault-rate <0..1>", "--state-file <path>",
            "/_sim/faults", "/_sim/stats", "/_sim/clients",
        })
        {
            Assert.Contains(text, help);
        }

        Assert.All(help.Split(Environment.NewLine), line => Assert.True(line.Length <= 120, line));
    }
}
