using DsccSimulator.Store;

namespace DsccSimulator.Tasks;

/// <summary>Task states as the spec spells them (subset the simulator reaches).</summary>
public enum SimTaskState
{
    Initialized,
    Running,
    Succeeded,
    Failed,
}

/// <summary>A resource a task refers to: spec <c>ResourceReference {name, resourceUri, type}</c>.</summary>
public sealed record TaskResource(string Name, string ResourceUri, string Type);

/// <summary>A time-stamped line of the task's <c>logMessages</c>.</summary>
public sealed record TaskLogEntry(DateTimeOffset At, string Message);

/// <summary>
/// What an asynchronous operation does on the array. The runner calls <see cref="Start"/> when the task leaves
/// INITIALIZED (this is where a real array rejects bad input) and <see cref="Complete"/> when its time is up.
/// New asynchronous operations (delete, resize, export, ...) only need a new implementation.
/// </summary>
public interface ITaskWork
{
    /// <summary>Human description for the task log, e.g. "Creating volume 'vol1' on Primera-Lab-01".</summary>
    string Description { get; }

    /// <summary>Checks and reserves; a non-null failure ends the task FAILED.</summary>
    ArrayFailure Start();

    /// <summary>Makes the result visible and returns what was created or changed.</summary>
    IReadOnlyList<TaskResource> Complete(DateTimeOffset now);
}

/// <summary>Immutable view of a task at one instant; what the task endpoints render.</summary>
public sealed record TaskSnapshot(
    Guid Id,
    string Name,
    string DisplayName,
    string UserId,
    TaskResource Source,
    SimTaskState State,
    int ProgressPercent,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    DateTimeOffset UpdatedAt,
    TimeSpan Duration,
    IReadOnlyList<TaskResource> Produced,
    ArrayFailure Failure,
    string FailureTraceId,
    IReadOnlyList<TaskLogEntry> Log);

/// <summary>
/// One asynchronous task. Its life is a pure function of the clock: INITIALIZED until 10% of the duration, then
/// RUNNING with rising progress, then SUCCEEDED at the end (or FAILED when <see cref="ITaskWork.Start"/> refuses).
/// Mutated only by <see cref="TaskRunner"/> under its lock.
/// </summary>
public sealed partial class SimTask
{
    private const double StartFraction = 0.1;

    private readonly List<TaskLogEntry> log = [];

    private readonly List<TaskResource> produced = [];

    public SimTask(
        string name, string displayName, string userId, TaskResource source, ITaskWork work, DateTimeOffset createdAt,
        TimeSpan duration)
    {
        Id = Guid.NewGuid();
        Name = name;
        DisplayName = displayName;
        UserId = userId;
        Source = source;
        Work = work;
        CreatedAt = createdAt;
        Duration = duration;
        StartDueAt = createdAt + (duration * StartFraction);
        EndDueAt = createdAt + duration;
        log.Add(new TaskLogEntry(createdAt, "Task created."));
    }

    public Guid Id { get; }

    public string Name { get; }

    public string DisplayName { get; }

    public string UserId { get; }

    public TaskResource Source { get; }

    public ITaskWork Work { get; }

    public DateTimeOffset CreatedAt { get; }

    public TimeSpan Duration { get; }

    public DateTimeOffset StartDueAt { get; }

    public DateTimeOffset EndDueAt { get; }

    public SimTaskState State { get; private set; } = SimTaskState.Initialized;

    public bool IsFinished => State is SimTaskState.Succeeded or SimTaskState.Failed;

    /// <summary>When the next state change is due, or null when finished.</summary>
    public DateTimeOffset? NextTransitionAt => State switch
    {
        SimTaskState.Initialized => StartDueAt,
        SimTaskState.Running => EndDueAt,
        _ => null,
    };

    private DateTimeOffset? StartedAt { get; set; }

    private DateTimeOffset? EndedAt { get; set; }

    private ArrayFailure Failure { get; set; }

    private string FailureTraceId { get; set; }

    private int FrozenProgress { get; set; }

    /// <summary>Applies the transition due at <see cref="NextTransitionAt"/>.</summary>
    public void Advance()
    {
        if (State == SimTaskState.Initialized)
        {
            StartedAt = StartDueAt;
            log.Add(new TaskLogEntry(StartDueAt, Work.Description + "."));
            var failure = Work.Start();
            if (failure is null)
            {
                State = SimTaskState.Running;
                return;
            }

            Fail(failure, StartDueAt);
        }
        else if (State == SimTaskState.Running)
        {
            produced.AddRange(Work.Complete(EndDueAt));
            State = SimTaskState.Succeeded;
            EndedAt = EndDueAt;
            log.Add(new TaskLogEntry(EndDueAt, "Task completed successfully."));
        }
    }

    public TaskSnapshot Snapshot(DateTimeOffset now) => new(
        Id,
        Name,
        DisplayName,
        UserId,
        Source,
        State,
        ProgressAt(now),
        CreatedAt,
        StartedAt,
        EndedAt,
        UpdatedAt(now),
        Duration,
        [.. produced],
        Failure,
        FailureTraceId,
        [.. log]);

    private void Fail(ArrayFailure failure, DateTimeOffset at)
    {
        FrozenProgress = ElapsedPercent(at);
        State = SimTaskState.Failed;
        Failure = failure;
        FailureTraceId = Guid.NewGuid().ToString("N");
        EndedAt = at;
        log.Add(new TaskLogEntry(at, failure.Message));
    }

    private int ProgressAt(DateTimeOffset now) => State switch
    {
        SimTaskState.Succeeded => 100,
        SimTaskState.Failed => FrozenProgress,
        SimTaskState.Initialized => 0,
        _ => Math.Max(1, ElapsedPercent(now)),
    };

    /// <summary>Share of the duration that has passed; linear, but never 100 before the task has ended.</summary>
    private int ElapsedPercent(DateTimeOffset now) =>
        Duration <= TimeSpan.Zero ? 0 : (int)Math.Clamp(100 * ((now - CreatedAt) / Duration), 0, 99);

    private DateTimeOffset UpdatedAt(DateTimeOffset now) => State switch
    {
        SimTaskState.Initialized => CreatedAt,
        SimTaskState.Running => now < EndDueAt ? now : EndDueAt,
        _ => EndedAt ?? now,
    };
}
