namespace DsccSimulator.Tasks;

/// <summary>Access to the task list for <c>--state-file</c>.</summary>
public sealed partial class TaskRunner
{
    /// <summary>Number of tasks and of unfinished ones; when either changes, the saved state is stale.</summary>
    public (int Total, int Active) Counts
    {
        get
        {
            lock (gate)
            {
                return (all.Count, active.Count);
            }
        }
    }

    /// <summary>
    /// Saves every task and, under the same lock, reads <paramref name="alsoRead"/>. Task transitions change the
    /// fleet only under this lock, so tasks and fleet come out consistent (no volume both pending and created).
    /// </summary>
    public (IReadOnlyList<SavedTask> Tasks, T Other) Capture<T>(Func<SimTask, SavedTask> save, Func<T> alsoRead)
    {
        lock (gate)
        {
            return ([.. all.Select(save)], alsoRead());
        }
    }

    /// <summary>Adds tasks from a state file, in their original order; unfinished ones go on running.</summary>
    public void Restore(IEnumerable<SimTask> tasks)
    {
        lock (gate)
        {
            foreach (var task in tasks)
            {
                all.Add(task);
                byId.Add(task.Id, task);
                if (!task.IsFinished)
                {
                    active.Add(task);
                }
            }
        }
    }
}
