using System.Diagnostics;
using DsccSimulator.Auth;
using DsccSimulator.Cli;
using DsccSimulator.Stats;
using DsccSimulator.Store;
using DsccSimulator.Tasks;

namespace DsccSimulator.Persistence;

/// <summary>
/// Saves the state file when something changed: checks a cheap change stamp every <see cref="Tick"/>, saves once
/// the stamp has been still for a tick (or has kept moving for <see cref="MaxDelay"/>), and saves at shutdown.
/// Polling the stamp, rather than hooking every change, also covers writes added later by other endpoints: every
/// processed API write and every task transition moves it.
/// </summary>
public sealed class StateSaver(
    SimulatorOptions options,
    StateSession session,
    FleetStore store,
    TaskRunner runner,
    ClientRegistry clients,
    TokenService tokens,
    SimStats stats,
    TimeProvider time,
    ILogger<StateSaver> logger) : BackgroundService
{
    public static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(200);

    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(1);

    private readonly Lock saveGate = new();

    private ChangeStamp lastSaved;

    private readonly record struct ChangeStamp(int Tasks, int ActiveTasks, long Writes, long Clients, long Tokens);

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        lastSaved = Stamp();
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (Stamp() != lastSaved || !File.Exists(options.StateFile))
        {
            Save();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Tick);
        var previous = lastSaved;
        var dirtySince = 0L;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var current = Stamp();
                if (current == lastSaved)
                {
                    dirtySince = 0;
                    continue;
                }

                dirtySince = dirtySince == 0 ? Stopwatch.GetTimestamp() : dirtySince;
                if (current == previous || Stopwatch.GetElapsedTime(dirtySince) >= MaxDelay)
                {
                    Save();
                    dirtySince = 0;
                }

                previous = current;
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down; StopAsync does the final save.
        }
    }

    private ChangeStamp Stamp()
    {
        var (total, active) = runner.Counts;
        return new ChangeStamp(total, active, stats.WritesSinceStart, clients.Version, tokens.Version);
    }

    private void Save()
    {
        lock (saveGate)
        {
            // Take the stamp first: a change during the capture moves it again and causes another save.
            var stamp = Stamp();
            try
            {
                var (tasks, fleet) = runner.Capture(SaveTask, () => FleetState.Capture(store));
                StateFile.Save(options.StateFile, new SavedState
                {
                    Format = SavedState.CurrentFormat,
                    Seed = session.Seed,
                    Restarts = session.Restarts,
                    SavedAt = time.GetUtcNow(),
                    Fleet = fleet,
                    Tasks = tasks,
                    Clients = clients.Snapshot(),
                    Tokens = tokens.CurrentTokens(),
                });
                lastSaved = stamp;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                logger.LogWarning("Cannot save state file {Path}: {Message}", options.StateFile, ex.Message);
            }
        }
    }

    private static SavedTask SaveTask(SimTask task)
    {
        var (kind, state) = TaskWorkCodec.Encode(task.Work);
        return task.Save(kind, state);
    }
}
