using DsccSimulator.Errors;

namespace DsccSimulator.Resources.Tasks;

/// <summary>
/// Spec schema <c>Task</c> = <c>CommonResourceProperties</c> (customerId, generation, id, name, resourceUri, type)
/// + <c>TaskProperties</c>. Returned by <c>GET /api/v1/tasks/{id}</c> and as items of <c>TaskList</c>.
/// </summary>
public sealed class TaskDetails
{
    public string CustomerId { get; set; }

    public long Generation { get; set; }

    public string Id { get; set; }

    public string Name { get; set; }

    public string ResourceUri { get; set; }

    public string Type { get; set; }

    public TaskConsoleReference AdditionalDetails { get; set; }

    public IReadOnlyList<ResourceReference> AssociatedResources { get; set; }

    public IReadOnlyList<ResourceReference> ChildTasks { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string DisplayName { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>Set when the task FAILED: <c>ErrorResponse {error, errorCode, traceId}</c>.</summary>
    public PlatformErrorResponse Error { get; set; }

    public int EstimatedRunningDurationMinutes { get; set; }

    /// <summary>OK, ERROR, WARNING, UNKNOWN or UNSPECIFIED.</summary>
    public string HealthStatus { get; set; }

    public IReadOnlyList<TaskLogMessage> LogMessages { get; set; }

    /// <summary>The spec: "If this is not a sub-task this will be a self reference."</summary>
    public ResourceReference ParentTask { get; set; }

    public int ProgressPercent { get; set; }

    public IReadOnlyList<TaskRecommendation> Recommendations { get; set; }

    public ResourceReference SourceResource { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    /// <summary>INITIALIZED, RUNNING, SUCCEEDED or FAILED (the spec also has TIMEDOUT, PAUSED, UNSPECIFIED).</summary>
    public string State { get; set; }

    public int SuggestedPollingIntervalSeconds { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public string UserId { get; set; }
}

/// <summary>Spec schema <c>ResourceReference</c>; <c>resourceUri</c> and <c>type</c> are required.</summary>
public sealed record ResourceReference(string Name, string ResourceUri, string Type);

/// <summary>Spec schema <c>TaskConsoleReference</c>.</summary>
public sealed record TaskConsoleReference(string ConsoleUri);

/// <summary>Spec schema <c>TaskLogMessage</c>.</summary>
public sealed record TaskLogMessage(string Message, DateTimeOffset TimestampAt);

/// <summary>Spec schema <c>TaskRecommendations</c>.</summary>
public sealed record TaskRecommendation(string Message);

/// <summary>Spec schema <c>taskResponse</c>: the 202 body of every asynchronous storage operation.</summary>
public sealed record TaskResponse(string TaskUri, string Status, string Message)
{
    public static TaskResponse Submitted(string taskUri) => new(taskUri, "SUBMITTED", "Successfully submitted");
}
