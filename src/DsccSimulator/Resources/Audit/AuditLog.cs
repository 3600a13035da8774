namespace DsccSimulator.Resources.Audit;

/// <summary>The resource an audited write acted on.</summary>
public sealed record AuditTarget(string Id, string Name, string Type);

/// <summary>
/// One successful write as the audit trail remembers it. Asynchronous writes carry their task id; their outcome is
/// read from the task when the trail is listed (<see cref="AuditViews"/>), with <see cref="CompletionId"/> as the
/// stable id of that second event.
/// </summary>
public sealed record AuditEntry
{
    public required long Seq { get; init; }

    public required string Id { get; init; }

    public required string CompletionId { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>The operation, e.g. <c>host-initiator.create</c> or <c>volume-collection.add-volumes</c>.</summary>
    public required string Code { get; init; }

    /// <summary>The privilege such a write needs, e.g. <c>host-initiator.create</c> or <c>volume.edit</c>.</summary>
    public required string Permission { get; init; }

    /// <summary>What the message calls the operation: "update", "add volumes", "create volume 'v1'".</summary>
    public required string Action { get; init; }

    public required AuditTarget Target { get; init; }

    public Guid? TaskId { get; init; }

    public required string UserEmail { get; init; }

    public required string ContextId { get; init; }

    public required string SourceIpAddress { get; init; }

    public required string Scope { get; init; }
}

/// <summary>Every audited write since start, oldest first. Bounded like the request log, for day-long runs.</summary>
public sealed class AuditLog
{
    public const int Capacity = 100_000;

    private readonly object gate = new();

    private readonly LinkedList<AuditEntry> entries = new();

    private long lastSeq;

    public long NextSeq()
    {
        lock (gate)
        {
            return ++lastSeq;
        }
    }

    public void Add(AuditEntry entry)
    {
        lock (gate)
        {
            entries.AddLast(entry);
            if (entries.Count > Capacity)
            {
                entries.RemoveFirst();
            }
        }
    }

    public IReadOnlyList<AuditEntry> Snapshot()
    {
        lock (gate)
        {
            return [.. entries];
        }
    }
}
