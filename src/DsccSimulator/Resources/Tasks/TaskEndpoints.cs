using DsccSimulator.Errors;
using DsccSimulator.Json;
using DsccSimulator.Querying;
using DsccSimulator.Store;
using DsccSimulator.Tasks;

namespace DsccSimulator.Resources.Tasks;

/// <summary>
/// <c>GET /api/v1/tasks</c> (ListTasks: offset, limit, filter only; no requestUri in <c>TaskList</c>) and
/// <c>GET /api/v1/tasks/{id}</c> (GetTask). Errors here use the platform <c>ErrorResponse</c> with a traceId.
/// </summary>
public static class TaskEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/tasks", (HttpContext context, TaskRunner runner, FleetStore store) =>
            Responses.List(
                context,
                runner.SnapshotAll(),
                task => TaskViews.Details(task, store.CustomerId),
                ListFeatures.FilterOnly,
                withRequestUri: false));

        api.MapGet("/tasks/{id}", (HttpContext context, TaskRunner runner, FleetStore store, string id) =>
        {
            if (!Guid.TryParse(id, out var taskId))
            {
                throw ApiException.BadRequest($"Invalid task id '{id}': task ids are UUIDs.");
            }

            var task = runner.Find(taskId) ?? throw ApiException.NotFound($"A task with id '{id}' was not found.");
            return Results.Json(TaskViews.Details(task, store.CustomerId), JsonDefaults.Options);
        });
    }
}
