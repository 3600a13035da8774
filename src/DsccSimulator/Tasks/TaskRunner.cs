using DsccSimulator.Cli;

namespace DsccSimulator.Tasks;

/// <summary>
/// Owns every task and moves them along the clock. Nothing runs in the background: each API request first calls
/// <see cref="CatchUp"/>, which applies all transitions due by "now" in time order. That makes task timing exact
/// and testable with a fake <see cref="TimeProvider"/>, and side effects (a volume appearing) happen in the order
/// a real array would produce them.
/// </summary>
public sealed partial class TaskRunner(SimulatorOptions options, TimeProvider time)
{
    private readonly object gate = new();

    private readonly List<SimTask> all = [];

    private readonly Dictionary<Guid, SimTask> byId = [];

    private readonly List<SimTask> active = [];

    public DateTimeOffset Now => time.GetUtcNow();

    public SimTask Submit(string name, string displayName, string userId, TaskResource source, ITaskWork work)
    {
        lock (gate)
        {
            var task = new SimTask(
                name, displayName, userId, source, work, time.GetUtcNow(),
                TimeSpan.FromMilliseconds(options.TaskDurationMs));
            all.Add(task);
            byId.Add(task.Id, task);
            active.Add(task);
            return task;
        }
    }

    public void CatchUp()
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            while (true)
            {
                // Earliest due transition first, submission order breaking ties.
                var next = active
                    .Where(t => t.NextTransitionAt <= now)
                    .OrderBy(t => t.NextTransitionAt)
                    .FirstOrDefault();
                if (next is null)
                {
                    return;
                }

                next.Advance();
                if (next.IsFinished)
                {
                    active.Remove(next);
                }
            }
        }
    }

    public TaskSnapshot Find(Guid id)
    {
        lock (gate)
        {
            return byId.TryGetValue(id, out var task) ? task.Snapshot(time.GetUtcNow()) : null;
        }
    }

    public IReadOnlyList<TaskSnapshot> SnapshotAll()
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            return all.Select(t => t.Snapshot(now)).ToList();
        }
    }
}
