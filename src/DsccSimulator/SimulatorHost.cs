using DsccSimulator.Cli;
using DsccSimulator.Persistence;
using DsccSimulator.Store;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;

namespace DsccSimulator;

/// <summary>Runs the simulator from a command line: parse, start, print the banner scripts wait for, serve.</summary>
public static class SimulatorHost
{
    public static async Task<int> RunAsync(
        string[] args, TextWriter stdout, TextWriter stderr, CancellationToken stopToken = default)
    {
        var parsed = CommandLine.Parse(args);
        if (parsed.ShowHelp)
        {
            await stdout.WriteLineAsync(CommandLine.HelpText());
            return 0;
        }

        if (parsed.IsError)
        {
            await stderr.WriteLineAsync(CommandLine.FormatError(parsed.Error));
            return CommandLineResult.UsageErrorExitCode;
        }

        var options = parsed.Options;
        await using var app = SimulatorApp.Build(SimulatorApp.CreateBuilder(options));

        // Seed (or load the state file) before listening so the first request never pays for it and the banner
        // means "ready".
        try
        {
            app.Services.GetRequiredService<FleetStore>();
        }
        catch (StateFileException ex)
        {
            await stderr.WriteLineAsync($"DsccSimulator: {ex.Message}");
            return CommandLineResult.UsageErrorExitCode;
        }

        try
        {
            await app.StartAsync(stopToken);
        }
        catch (IOException ex)
        {
            await stderr.WriteLineAsync($"DsccSimulator: cannot listen on 127.0.0.1:{options.Port}: {ex.Message}");
            return 1;
        }

        await stdout.WriteLineAsync($"DSCC simulator listening on http://127.0.0.1:{BoundPort(app)}");
        await stdout.WriteLineAsync($"Client id: {options.ClientId}");
        await stdout.WriteLineAsync($"Client secret: {options.ClientSecret}");
        await stdout.FlushAsync(stopToken);

        await app.WaitForShutdownAsync(stopToken);
        return 0;
    }

    /// <summary>The real port, which differs from the requested one when <c>--port 0</c> let the OS choose.</summary>
    public static int BoundPort(WebApplication app)
    {
        var server = app.Services.GetRequiredService<IServer>();
        var addresses = server.Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        return new Uri(addresses.First()).Port;
    }
}
