using DsccSimulator.Errors;
using DsccSimulator.Json;
using DsccSimulator.Querying;
using DsccSimulator.Resources.Common;
using DsccSimulator.Store;
using DsccSimulator.Validation;

namespace DsccSimulator.Resources.Hosts;

/// <summary>
/// Fleet initiators, <c>/api/v1/initiators</c>: list (InitiatorList; offset, limit, filter, sort), get
/// (InitiatorDetails), create (InitiatorInput; 200 Initiator) and delete (200 <c>{"deleteInitiator": true}</c>),
/// all synchronous as the spec declares.
/// </summary>
public static class InitiatorEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/initiators", (HttpContext context, FleetStore store) =>
        {
            var snapshot = store.Hosts.Snapshot();
            return Responses.List(
                context,
                snapshot.Initiators,
                i => HostViews.InitiatorItem(i, snapshot, store.CustomerId),
                ListFeatures.FilterSort);
        });

        api.MapGet("/initiators/{initiatorId}", (HttpContext context, FleetStore store, string initiatorId) =>
        {
            var snapshot = store.Hosts.Snapshot();
            var initiator = snapshot.FindInitiator(initiatorId)
                ?? throw ApiException.NotFound($"Initiator not found: no initiator has id '{initiatorId}'.");
            var detail = HostViews.InitiatorDetail(
                initiator, snapshot, store.CustomerId, Responses.RequestUri(context));
            return Results.Json(detail, JsonDefaults.Options);
        });

        api.MapPost("/initiators", async (
            HttpContext context, FleetStore store, TimeProvider time) =>
        {
            var body = RequestBodyValidationMiddleware.BodyOf(context);
            var (initiator, failure) = store.Hosts.CreateInitiator(HostRequests.Initiator(body), time.GetUtcNow());
            if (failure is not null)
            {
                throw AsyncWrites.ToHttpError(failure);
            }

            return Results.Json(
                HostViews.InitiatorItem(initiator, store.Hosts.Snapshot(), store.CustomerId), JsonDefaults.Options);
        });

        api.MapDelete("/initiators/{initiatorId}", (FleetStore store, string initiatorId) =>
        {
            var failure = store.Hosts.DeleteInitiator(initiatorId);
            if (failure is not null)
            {
                throw AsyncWrites.ToHttpError(failure);
            }

            return Results.Json(new DeleteInitiatorResult(true), JsonDefaults.Options);
        });
    }
}
