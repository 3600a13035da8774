using DsccSimulator.Errors;
using DsccSimulator.Querying;
using DsccSimulator.Store;
using DsccSimulator.Tasks;

namespace DsccSimulator.Resources.Audit;

/// <summary>
/// <c>GET /api/v1/audit-events</c> (AuditEventsGet): <c>AuditResults</c> (no requestUri), newest first, with
/// offset, limit, filter and a sort on one property, as the spec allows. <c>select</c> is accepted and ignored:
/// the spec says only returning all fields is supported. Errors use the platform <c>ErrorResponse</c>.
/// </summary>
public static class AuditEndpoints
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/audit-events", (HttpContext context, AuditLog log, TaskRunner runner, FleetStore store) =>
        {
            var sort = (string)context.Request.Query["sort"];
            if (sort?.Contains(',', StringComparison.Ordinal) == true)
            {
                throw ApiException.BadRequest(
                    $"Invalid sort '{sort}': audit events can be sorted by one property per request.");
            }

            var events = AuditViews.Events(log.Snapshot(), runner, store.CustomerId);
            return Responses.List(context, events, e => e, ListFeatures.FilterSort, withRequestUri: false);
        });
}
