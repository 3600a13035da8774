using DsccSimulator.Cli;
using DsccSimulator.Persistence;
using DsccSimulator.Store;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;

namespace DsccSimulator;

/// <summary>Runs the simulator from a command line: parse, start, print the banner scripts wait for, serve.</summary>
public static class SimulatorHost
{
    /// <summary>Log category of the generic host, which logs a failed start as an error with its stack trace.</summary>
    private const string HostLogCategory = "Microsoft.Extensions.Hosting.Internal.Host";

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
        var builder = SimulatorApp.CreateBuilder(options);

        // A failed start (a port in use) is reported below in one line, so the host's own multi-line report of it
        // is held back until the start has succeeded; errors after that, and anything critical, still show.
        var started = false;
        builder.Logging.AddFilter(
            HostLogCategory, level => level >= LogLevel.Warning && (started || level == LogLevel.Critical));
        await using var app = SimulatorApp.Build(builder);

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
            var reason = ex.InnerException is AddressInUseException
                ? "the port is already in use"
                : ex.Message.TrimEnd('.');
            await stderr.WriteLineAsync($"DsccSimulator: cannot listen on 127.0.0.1:{options.Port}: {reason}.");
            return 1;
        }

        started = true;

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
