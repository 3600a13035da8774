using System.Net;
using DsccSimulator.Errors;
using DsccSimulator.Querying;
using DsccSimulator.Store;

namespace DsccSimulator.Resources.Issues;

/// <summary>
/// <c>GET /api/v1/issues</c> (ListIssues: the active issues as <c>IssuesList</c>, no requestUri; offset, limit,
/// filter, sort, select) and <c>GET /api/v1/issues/{id}</c> (GetIssue: <c>IssueDetails</c>, select; 400 for an id
/// that is not a UUID, 404 for an unknown one, 409 for an issue that is no longer active). Errors use the platform
/// <c>ErrorResponse</c> with a traceId.
/// </summary>
public static class IssueEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/issues", (HttpContext context, IssueBook issues, FleetStore store) =>
            Responses.List(context, issues.Active, i => View(i, store.CustomerId), withRequestUri: false));

        api.MapGet("/issues/{id}", (HttpContext context, IssueBook issues, FleetStore store, string id) =>
        {
            if (!Guid.TryParse(id, out var issueId))
            {
                throw ApiException.BadRequest($"Invalid issue id '{id}': issue ids are UUIDs.");
            }

            var issue = issues.Find(issueId)
                ?? throw ApiException.NotFound($"Issue with id '{id}' does not exist.");
            return issue.IsActive
                ? Responses.Item(context, View(issue, store.CustomerId))
                : throw new ApiException(HttpStatusCode.Conflict, $"Issue '{id}' is not active (state {issue.State}).");
        });
    }

    public static IssueDetails View(Issue issue, string customerId) => new()
    {
        AdditionalDetails = new ConsoleReference($"data-ops-manager/issues/{issue.Id}"),
        Body = issue.Body,
        Category = issue.Category,
        ClearedAt = issue.ClearedAt,
        CreatedAt = issue.CreatedAt,
        CustomerId = customerId,
        Generation = IssueSeedData.GenerationText(issue.LastOccurredAt),
        Id = issue.Id.ToString(),
        IssueType = issue.IssueType,
        LastOccurredAt = issue.LastOccurredAt,
        Name = issue.Name,
        OccurrenceCount = issue.OccurrenceCount,
        RelatedResource = issue.RelatedResource,
        RelatedResourceOwner = issue.RelatedResourceOwner,
        ResourceUri = $"/api/v1/issues/{issue.Id}",
        RuleId = issue.RuleId,
        Severity = issue.Severity,
        State = issue.State,
        Title = issue.Title,
        Type = "issue",
    };
}
