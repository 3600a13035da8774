using System.Text.Json;
using DsccSimulator.Auth;
using DsccSimulator.Cli;
using DsccSimulator.Store;
using DsccSimulator.Tasks;

namespace DsccSimulator.Persistence;

/// <summary>Where the current run stands relative to its state file.</summary>
public sealed class StateSession
{
    /// <summary>Seed the fleet was first generated with (from the file when one was loaded).</summary>
    public int Seed { get; set; }

    /// <summary>Loads of the state file so far, this run's included.</summary>
    public int Restarts { get; set; }
}

/// <summary>
/// <c>--state-file</c>: builds the fleet from the file when it exists (else from the seed), and saves changes.
/// Loading happens when the <see cref="FleetStore"/> is first resolved, which the host does before listening, so
/// a bad file stops the simulator before it prints its banner.
/// </summary>
public static class StatePersistence
{
    public static void AddStatePersistence(this IServiceCollection services, SimulatorOptions options)
    {
        services.AddSingleton(provider => CreateFleet(provider, options));
        if (options.StateFile is not null)
        {
            services.AddSingleton<StateSession>();
            services.AddHostedService<StateSaver>();
        }
    }

    private static FleetStore CreateFleet(IServiceProvider services, SimulatorOptions options)
    {
        if (options.StateFile is null)
        {
            return SeedData.Create(options);
        }

        var session = services.GetRequiredService<StateSession>();
        var saved = StateFile.Load(options.StateFile);
        if (saved is null)
        {
            session.Seed = options.Seed;
            return SeedData.Create(options);
        }

        session.Seed = saved.Seed;
        session.Restarts = saved.Restarts + 1;
        try
        {
            return Restore(services, options, saved, RuntimeIdSeed(saved.Seed, session.Restarts));
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or JsonException
            or KeyNotFoundException)
        {
            // A file that parsed but does not hang together (say, a task listed twice): still one line, exit 2.
            throw new StateFileException(
                $"state file '{options.StateFile}' is not a valid simulator state file: {ex.Message}", ex);
        }
    }

    private static FleetStore Restore(
        IServiceProvider services, SimulatorOptions options, SavedState saved, int runtimeIdSeed)
    {
        var store = FleetState.Restore(saved.Fleet, runtimeIdSeed);
        services.GetRequiredService<ClientRegistry>().Restore(saved.Clients ?? [], options);
        services.GetRequiredService<TokenService>().Restore(saved.Tokens ?? []);
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var tasks = (saved.Tasks ?? []).Select(task => RestoreTask(task, store, now)).ToList();
        services.GetRequiredService<TaskRunner>().Restore(tasks);
        return store;
    }

    /// <summary>Different for every restart, and the same for the same seed and restart count.</summary>
    private static int RuntimeIdSeed(int seed, int restarts) => unchecked((seed ^ 0x5EED) + (restarts * 7919));

    private static SimTask RestoreTask(SavedTask saved, FleetStore store, DateTimeOffset now)
    {
        var finished = saved.State is SimTaskState.Succeeded or SimTaskState.Failed;
        var work = finished ? null : TaskWorkCodec.Decode(saved, store);
        if (work is null)
        {
            var task = SimTask.Restore(saved, new RestoredWork(saved.Description, saved.WorkKind, saved.WorkState));
            if (!finished)
            {
                task.FailAfterRestart(new ArrayFailure("INTERNAL_ERROR",
                    "The simulator restarted while this task was running and cannot resume it.",
                    "Check whether the change was made, and submit the request again if not."), now);
            }

            return task;
        }

        var resumed = SimTask.Restore(saved, work);

        // A running task had reserved its names and capacity; take them again before any new request can.
        if (saved.State == SimTaskState.Running && work.Start() is { } failure)
        {
            resumed.FailAfterRestart(failure, now);
        }

        return resumed;
    }
}
