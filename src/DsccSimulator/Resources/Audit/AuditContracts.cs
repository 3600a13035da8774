namespace DsccSimulator.Resources.Audit;

/// <summary>
/// Spec schema <c>AuditData</c>: one item of <c>AuditResults</c> (<c>GET /api/v1/audit-events</c>). <c>id</c>,
/// <c>message</c>, <c>occurredAt</c>, <c>state</c> and <c>version</c> are required; <c>occurredAt</c> is a plain
/// string holding an ISO-8601 UTC timestamp.
/// </summary>
public sealed class AuditData
{
    public AuditResource AssociatedResource { get; set; }

    public string Code { get; set; }

    public string ContextId { get; set; }

    public string CustomerId { get; set; }

    public string Id { get; set; }

    public string Message { get; set; }

    public string OccurredAt { get; set; }

    public string Permission { get; set; }

    public string Scope { get; set; }

    public string Source { get; set; }

    public string SourceIpAddress { get; set; }

    /// <summary>Success, Failure or Initiated (the spec also lists PermissionDenied).</summary>
    public string State { get; set; }

    public string TaskId { get; set; }

    public string UniqueId { get; set; }

    public string UserEmail { get; set; }

    public int Version { get; set; }
}

/// <summary>Spec schema <c>AuditResource</c>: <c>id</c>, <c>name</c> and <c>type</c>, all required.</summary>
public sealed record AuditResource(string Id, string Name, string Type);
