using DsccSimulator.Errors;
using DsccSimulator.Json;
using DsccSimulator.Querying;
using DsccSimulator.Resources.Common;
using DsccSimulator.Store;
using DsccSimulator.Tasks;
using DsccSimulator.Validation;

namespace DsccSimulator.Resources.Hosts;

/// <summary>
/// Fleet hosts, <c>/api/v1/host-initiators</c>: list (HostsList; offset, limit, filter, sort - no select in the
/// spec), get (HostDetails), create (CreateHostInput; synchronous, 200 HostObject), edit (UpdateHostInput) and
/// delete (<c>force</c>), both asynchronous (202 taskResponse).
/// </summary>
public static class HostEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/host-initiators", (HttpContext context, FleetStore store) =>
        {
            var snapshot = store.Hosts.Snapshot();
            return Responses.List(
                context,
                snapshot.Hosts,
                h => HostViews.HostItem(h, snapshot, store.CustomerId),
                ListFeatures.FilterSort);
        });

        api.MapGet("/host-initiators/{hostId}", (HttpContext context, FleetStore store, string hostId) =>
        {
            var snapshot = store.Hosts.Snapshot();
            var host = Require(snapshot, hostId);
            var detail = HostViews.HostDetail(host, snapshot, store.CustomerId, Responses.RequestUri(context));
            return Results.Json(detail, JsonDefaults.Options);
        });

        api.MapPost("/host-initiators", async (
            HttpContext context, FleetStore store, TimeProvider time) =>
        {
            var body = RequestBodyValidationMiddleware.BodyOf(context);
            var (host, failure) = store.Hosts.CreateHost(HostRequests.Host(body), time.GetUtcNow());
            if (failure is not null)
            {
                throw AsyncWrites.ToHttpError(failure);
            }

            return Results.Json(
                HostViews.HostItem(host, store.Hosts.Snapshot(), store.CustomerId), JsonDefaults.Options);
        });

        api.MapPut("/host-initiators/{hostId}", async (
            HttpContext context, FleetStore store, TaskRunner runner, string hostId) =>
        {
            var host = Require(store.Hosts.Snapshot(), hostId);
            var body = RequestBodyValidationMiddleware.BodyOf(context);
            var work = new HostUpdateWork(store.Hosts, host, HostRequests.HostUpdate(body));
            return AsyncWrites.Submit(context, runner, "Update Host", HostTaskResources.Of(host), work);
        });

        api.MapDelete("/host-initiators/{hostId}", (
            HttpContext context, FleetStore store, TaskRunner runner, string hostId) =>
        {
            var host = Require(store.Hosts.Snapshot(), hostId);
            var work = new HostDeleteWork(store.Hosts, host, AsyncWrites.Flag(context.Request, "force"));
            return AsyncWrites.Submit(context, runner, "Delete Host", HostTaskResources.Of(host), work);
        });
    }

    private static FleetHost Require(HostSnapshot snapshot, string hostId) =>
        snapshot.FindHost(hostId) ?? throw ApiException.NotFound($"Host not found: no host has id '{hostId}'.");
}
