using System.Text.Json;
using DsccSimulator.Store;

namespace DsccSimulator.Tasks;

/// <summary>
/// A task as the state file keeps it: everything the task endpoints show, plus what its work needs to resume
/// (<see cref="WorkKind"/> and <see cref="WorkState"/>, written by the persistence code's work codec).
/// </summary>
public sealed record SavedTask(
    Guid Id,
    string Name,
    string DisplayName,
    string UserId,
    TaskResource Source,
    DateTimeOffset CreatedAt,
    double DurationMs,
    SimTaskState State,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    ArrayFailure Failure,
    string FailureTraceId,
    int FrozenProgress,
    IReadOnlyList<TaskLogEntry> Log,
    IReadOnlyList<TaskResource> Produced,
    string Description,
    string WorkKind,
    JsonElement? WorkState);

/// <summary>Saving and restoring a task for <c>--state-file</c>; its clock-driven life resumes on restart.</summary>
public sealed partial class SimTask
{
    private SimTask(SavedTask saved, ITaskWork work)
    {
        Id = saved.Id;
        Name = saved.Name;
        DisplayName = saved.DisplayName;
        UserId = saved.UserId;
        Source = saved.Source;
        Work = work;
        CreatedAt = saved.CreatedAt;
        Duration = TimeSpan.FromMilliseconds(saved.DurationMs);
        StartDueAt = CreatedAt + (Duration * StartFraction);
        EndDueAt = CreatedAt + Duration;
        State = saved.State;
        StartedAt = saved.StartedAt;
        EndedAt = saved.EndedAt;
        Failure = saved.Failure;
        FailureTraceId = saved.FailureTraceId;
        FrozenProgress = saved.FrozenProgress;
        log.AddRange(saved.Log ?? []);
        produced.AddRange(saved.Produced ?? []);
    }

    public static SimTask Restore(SavedTask saved, ITaskWork work) => new(saved, work);

    public SavedTask Save(string workKind, JsonElement? workState) => new(
        Id,
        Name,
        DisplayName,
        UserId,
        Source,
        CreatedAt,
        Duration.TotalMilliseconds,
        State,
        StartedAt,
        EndedAt,
        Failure,
        FailureTraceId,
        FrozenProgress,
        [.. log],
        [.. produced],
        Work.Description,
        workKind,
        workState);

    /// <summary>Ends a restored task whose work cannot resume (its kind is unknown to the persistence code).</summary>
    public void FailAfterRestart(ArrayFailure failure, DateTimeOffset at) => Fail(failure, at);
}
