using DsccSimulator.Resources.Tasks;

namespace DsccSimulator.Resources.Issues;

/// <summary>
/// Spec schema <c>IssueDetails</c>: one item of <c>IssuesList</c>, and <c>GET /api/v1/issues/{id}</c>. Only
/// <c>id</c> is required; times are RFC 3339, <c>generation</c> is a string in this schema.
/// </summary>
public sealed class IssueDetails
{
    public ConsoleReference AdditionalDetails { get; set; }

    public string Body { get; set; }

    public string Category { get; set; }

    public DateTimeOffset? ClearedAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string CustomerId { get; set; }

    public string Generation { get; set; }

    public string Id { get; set; }

    /// <summary>ISSUE or RECOMMENDATION.</summary>
    public string IssueType { get; set; }

    public DateTimeOffset LastOccurredAt { get; set; }

    public string Name { get; set; }

    public int OccurrenceCount { get; set; }

    public ResourceReference RelatedResource { get; set; }

    public ResourceReference RelatedResourceOwner { get; set; }

    public string ResourceUri { get; set; }

    public string RuleId { get; set; }

    /// <summary>CRITICAL, WARNING or INFO for issues; HIGH, MEDIUM or LOW for recommendations.</summary>
    public string Severity { get; set; }

    /// <summary>CREATED (active), or CLOSED once cleared.</summary>
    public string State { get; set; }

    public string Title { get; set; }

    public string Type { get; set; }
}

/// <summary>Spec schema <c>ConsoleReference</c>.</summary>
public sealed record ConsoleReference(string ConsoleUri);
