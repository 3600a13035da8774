using DsccSimulator.Resources.Tasks;

namespace DsccSimulator.Resources.Issues;

/// <summary>An alert on a resource of the fleet.</summary>
public sealed record Issue
{
    public required Guid Id { get; init; }

    public required string Name { get; init; }

    public required string Title { get; init; }

    public required string Body { get; init; }

    public required string Category { get; init; }

    public required string IssueType { get; init; }

    public required string Severity { get; init; }

    public required string State { get; init; }

    public required string RuleId { get; init; }

    public required ResourceReference RelatedResource { get; init; }

    public ResourceReference RelatedResourceOwner { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset LastOccurredAt { get; init; }

    public DateTimeOffset? ClearedAt { get; init; }

    public required int OccurrenceCount { get; init; }

    /// <summary>The spec lists only active issues (state CREATED); others answer 409 by id.</summary>
    public bool IsActive => State == IssueBook.ActiveState;
}

/// <summary>The account's issues, seeded at startup; the v1 API has no way to change them.</summary>
public sealed class IssueBook(IReadOnlyList<Issue> issues)
{
    public const string ActiveState = "CREATED";

    /// <summary>Every issue, cleared ones included.</summary>
    public IReadOnlyList<Issue> All { get; } = issues;

    /// <summary>What the list serves: active issues, newest first.</summary>
    public IReadOnlyList<Issue> Active { get; } =
        issues.Where(i => i.IsActive).OrderByDescending(i => i.CreatedAt).ToList();

    public Issue Find(Guid id) => All.FirstOrDefault(i => i.Id == id);
}
