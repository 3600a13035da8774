using DsccSimulator.Errors;
using DsccSimulator.Resources.Common;
using DsccSimulator.Store;
using DsccSimulator.Tasks;

namespace DsccSimulator.Resources.Tasks;

/// <summary>Renders a <see cref="TaskSnapshot"/> as the spec's <c>Task</c>.</summary>
public static class TaskViews
{
    public static TaskDetails Details(TaskSnapshot task, string customerId)
    {
        var selfUri = ResourceUris.Task(task.Id);
        var failed = task.State == SimTaskState.Failed;

        return new TaskDetails
        {
            CustomerId = customerId,
            Generation = task.UpdatedAt.ToUnixTimeMilliseconds(),
            Id = task.Id.ToString(),
            Name = task.Name,
            ResourceUri = selfUri,
            Type = "task",
            AdditionalDetails = new TaskConsoleReference($"data-ops-manager/tasks/{task.Id}"),
            AssociatedResources = task.Produced.Select(Reference).ToList(),
            ChildTasks = [],
            CreatedAt = task.CreatedAt,
            DisplayName = task.DisplayName,
            EndedAt = task.EndedAt,
            Error = failed
                ? new PlatformErrorResponse(task.Failure.Message, task.Failure.ErrorCode, task.FailureTraceId)
                : null,
            EstimatedRunningDurationMinutes = (int)Math.Ceiling(task.Duration.TotalMinutes),
            HealthStatus = failed ? "ERROR" : "OK",
            LogMessages = task.Log.Select(l => new TaskLogMessage(l.Message, l.At)).ToList(),
            ParentTask = new ResourceReference(task.Name, selfUri, "task"),
            ProgressPercent = task.ProgressPercent,
            Recommendations = failed && Recommendation(task.Failure) is { } advice
                ? [new TaskRecommendation(advice)]
                : [],
            SourceResource = Reference(task.Source),
            StartedAt = task.StartedAt,
            State = task.State.ToString().ToUpperInvariant(),
            // The spec's default polling hint; the simulator's tasks are short.
            SuggestedPollingIntervalSeconds = 1,
            UpdatedAt = task.UpdatedAt,
            UserId = task.UserId,
        };
    }

    private static ResourceReference Reference(TaskResource resource) =>
        new(resource.Name, resource.ResourceUri, resource.Type);

    /// <summary>
    /// The failure's own advice, else a generic one. A NOT_FOUND gets no generic advice: what to look up depends on
    /// what was missing (a CPG, a host, a volume set), so only the failure itself can say it.
    /// </summary>
    private static string Recommendation(ArrayFailure failure) => failure.Recommendation ?? failure.ErrorCode switch
    {
        "NOT_FOUND" => null,
        _ => "Correct the request and submit it again.",
    };
}
