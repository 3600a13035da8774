using System.Text.Json;
using DsccSimulator.Resources.Volumes;
using DsccSimulator.Store;
using DsccSimulator.Tasks;

namespace DsccSimulator.Persistence;

/// <summary>
/// Saves what an unfinished task still has to do, and rebuilds it after a restart. Only the kinds listed here can
/// resume; a new <see cref="ITaskWork"/> needs a line in <see cref="Encode"/> and in <see cref="Decode"/>, otherwise
/// a task of its kind that is running at a restart ends FAILED (finished tasks are always restored).
/// </summary>
public static class TaskWorkCodec
{
    public const string VolumeCreate = "volume-create";

    public static (string Kind, JsonElement? State) Encode(ITaskWork work) => work switch
    {
        VolumeCreationWork create => (VolumeCreate, JsonSerializer.SerializeToElement(create.Plan, StateFile.Options)),
        RestoredWork restored => (restored.Kind, restored.State),
        _ => (null, null),
    };

    /// <summary>The work of an unfinished task, or null when its kind cannot resume.</summary>
    public static ITaskWork Decode(SavedTask task, FleetStore store)
    {
        if (task.WorkKind != VolumeCreate || task.WorkState is not { } state)
        {
            return null;
        }

        var plan = state.Deserialize<VolumePlan>(StateFile.Options);
        return store.FindSystem(plan.SystemId) is { } system ? new VolumeCreationWork(store, system, plan) : null;
    }
}

/// <summary>Stands in for the work of a restored task that will not run again (finished, or not resumable).</summary>
public sealed class RestoredWork(string description, string kind, JsonElement? state) : ITaskWork
{
    public string Description { get; } = description;

    public string Kind { get; } = kind;

    public JsonElement? State { get; } = state;

    public ArrayFailure Start() => throw new InvalidOperationException("A restored, finished task cannot start.");

    public IReadOnlyList<TaskResource> Complete(DateTimeOffset now) =>
        throw new InvalidOperationException("A restored, finished task cannot complete.");
}
