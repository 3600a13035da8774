using DsccSimulator.Errors;
using DsccSimulator.Json;
using DsccSimulator.Querying;
using DsccSimulator.Resources.Common;
using DsccSimulator.Store;
using DsccSimulator.Tasks;
using DsccSimulator.Validation;

namespace DsccSimulator.Resources.Hosts;

/// <summary>
/// Fleet host groups, <c>/api/v1/host-initiator-groups</c>: list (HostGroupsList; offset, limit, filter, sort),
/// get (HostGroupDetails), create (CreateHostGroupInput with nested <c>hostsToCreate</c>; synchronous, 200
/// HostGroupObject), edit (UpdateHostGroupInput) and delete (<c>force</c>), both asynchronous (202 taskResponse).
/// </summary>
public static class HostGroupEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/host-initiator-groups", (HttpContext context, FleetStore store) =>
        {
            var snapshot = store.Hosts.Snapshot();
            return Responses.List(
                context,
                snapshot.Groups,
                g => HostViews.GroupItem(g, snapshot, store.CustomerId),
                ListFeatures.FilterSort);
        });

        api.MapGet("/host-initiator-groups/{hostGroupId}", (
            HttpContext context, FleetStore store, string hostGroupId) =>
        {
            var snapshot = store.Hosts.Snapshot();
            var group = Require(snapshot, hostGroupId);
            var detail = HostViews.GroupDetail(group, snapshot, store.CustomerId, Responses.RequestUri(context));
            return Results.Json(detail, JsonDefaults.Options);
        });

        api.MapPost("/host-initiator-groups", async (
            HttpContext context, FleetStore store, TimeProvider time) =>
        {
            var body = RequestBodyValidationMiddleware.BodyOf(context);
            var (group, failure) = store.Hosts.CreateGroup(HostRequests.Group(body), time.GetUtcNow());
            if (failure is not null)
            {
                throw AsyncWrites.ToHttpError(failure);
            }

            return Results.Json(
                HostViews.GroupItem(group, store.Hosts.Snapshot(), store.CustomerId), JsonDefaults.Options);
        });

        api.MapPut("/host-initiator-groups/{hostGroupId}", async (
            HttpContext context, FleetStore store, TaskRunner runner, string hostGroupId) =>
        {
            var group = Require(store.Hosts.Snapshot(), hostGroupId);
            var body = RequestBodyValidationMiddleware.BodyOf(context);
            var work = new HostGroupUpdateWork(store.Hosts, group, HostRequests.GroupUpdate(body));
            return AsyncWrites.Submit(context, runner, "Update Host Group", HostTaskResources.Of(group), work);
        });

        api.MapDelete("/host-initiator-groups/{hostGroupId}", (
            HttpContext context, FleetStore store, TaskRunner runner, string hostGroupId) =>
        {
            var group = Require(store.Hosts.Snapshot(), hostGroupId);
            var work = new HostGroupDeleteWork(store.Hosts, group, AsyncWrites.Flag(context.Request, "force"));
            return AsyncWrites.Submit(context, runner, "Delete Host Group", HostTaskResources.Of(group), work);
        });
    }

    private static FleetHostGroup Require(HostSnapshot snapshot, string hostGroupId) =>
        snapshot.FindGroup(hostGroupId)
        ?? throw ApiException.NotFound($"Host group not found: no host group has id '{hostGroupId}'.");
}
