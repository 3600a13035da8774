using System.Globalization;
using DsccSimulator.Tasks;

namespace DsccSimulator.Resources.Audit;

/// <summary>
/// Turns the audit log into <c>AuditData</c> events, newest first. A synchronous write is one event (Success). An
/// asynchronous write is an Initiated event with the task id, followed, once the task has ended, by a Success or
/// Failure event with the same task id: the spec's "initiation and completion of operations to be linked".
/// </summary>
public static class AuditViews
{
    public const int EventVersion = 1;

    /// <summary>The service recording the events: DSCC's storage service, as in its console links.</summary>
    public const string Source = "data-ops-manager";

    private const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public static IReadOnlyList<AuditData> Events(
        IReadOnlyList<AuditEntry> entries, TaskRunner runner, string customerId)
    {
        var events = new List<(DateTimeOffset At, long Seq, int Phase, AuditData Data)>(entries.Count * 2);
        foreach (var entry in entries)
        {
            events.Add((entry.OccurredAt, entry.Seq, 1, RequestEvent(entry, customerId)));
            if (entry.TaskId is { } taskId
                && runner.Find(taskId) is { State: SimTaskState.Succeeded or SimTaskState.Failed } task)
            {
                events.Add((task.EndedAt ?? task.UpdatedAt, entry.Seq, 2, CompletionEvent(entry, task, customerId)));
            }
        }

        return events
            .OrderByDescending(e => e.At)
            .ThenByDescending(e => e.Seq)
            .ThenByDescending(e => e.Phase)
            .Select(e => e.Data)
            .ToList();
    }

    private static AuditData RequestEvent(AuditEntry entry, string customerId)
    {
        var initiated = entry.TaskId is not null;
        return Event(entry, customerId, entry.Id, 1, entry.OccurredAt, entry.Target,
            initiated ? "Initiated" : "Success", initiated ? "initiated" : "succeeded");
    }

    private static AuditData CompletionEvent(AuditEntry entry, TaskSnapshot task, string customerId)
    {
        var at = task.EndedAt ?? task.UpdatedAt;
        if (task.State == SimTaskState.Failed)
        {
            return Event(entry, customerId, entry.CompletionId, 2, at, entry.Target, "Failure",
                $"failed: {task.Failure.Message}");
        }

        // A create names what it made; an edit or delete keeps the resource the request named.
        var produced = task.Produced.Count > 0 && entry.Code.EndsWith(".create", StringComparison.Ordinal)
            ? task.Produced[0]
            : null;
        var target = produced is null
            ? entry.Target
            : new AuditTarget(produced.ResourceUri[(produced.ResourceUri.LastIndexOf('/') + 1)..], produced.Name,
                entry.Code[..^".create".Length]);
        var outcome = task.Produced.Count > 1 ? $"succeeded ({task.Produced.Count} created)" : "succeeded";
        var completed = entry with { Action = produced is null ? entry.Action : "create" };
        return Event(completed, customerId, entry.CompletionId, 2, at, target, "Success", outcome);
    }

    private static AuditData Event(
        AuditEntry entry,
        string customerId,
        string id,
        int phase,
        DateTimeOffset at,
        AuditTarget target,
        string state,
        string outcome)
    {
        var noun = AuditNames.Noun(target.Type);
        return new AuditData
        {
            AssociatedResource = new AuditResource(target.Id, target.Name, target.Type),
            Code = entry.Code,
            ContextId = entry.ContextId,
            CustomerId = customerId,
            Id = id,
            Message = $"{char.ToUpperInvariant(noun[0])}{noun[1..]} '{target.Name}': {entry.Action} {outcome}",
            OccurredAt = at.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture),
            Permission = entry.Permission,
            Scope = entry.Scope,
            Source = Source,
            SourceIpAddress = entry.SourceIpAddress,
            State = state,
            TaskId = entry.TaskId?.ToString(),
            // Shaped like the spec example "audit.event+6+12345678": phase (1 request, 2 task end) and sequence.
            UniqueId = string.Create(CultureInfo.InvariantCulture, $"audit.event+{phase}+{entry.Seq:D8}"),
            UserEmail = entry.UserEmail,
            Version = EventVersion,
        };
    }
}
