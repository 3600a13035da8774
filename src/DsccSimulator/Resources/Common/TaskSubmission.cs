using System.Net;
using DsccSimulator.Auth;
using DsccSimulator.Json;
using DsccSimulator.Resources.Tasks;
using DsccSimulator.Store;
using DsccSimulator.Tasks;

namespace DsccSimulator.Resources.Common;

/// <summary>Submits an asynchronous operation and answers 202 with the spec's <c>taskResponse</c>.</summary>
public static class TaskSubmission
{
    public static IResult Accepted(
        HttpContext context, TaskRunner runner, string taskName, TaskResource source, ITaskWork work)
    {
        var task = runner.Submit(
            taskName, work.Description, BearerAuthenticationMiddleware.ClientIdOf(context), source, work);
        var accepted = TaskResponse.Submitted(ResourceUris.Task(task.Id));
        return Results.Json(accepted, JsonDefaults.Options, statusCode: (int)HttpStatusCode.Accepted);
    }

    public static TaskResource VolumeResource(Volume volume) =>
        new(volume.Name, ResourceUris.PerTypeVolume(volume), "volume");

    public static TaskResource SnapshotResource(Snapshot snapshot) =>
        new(snapshot.Name, ResourceUris.PerTypeSnapshot(snapshot), "snapshot");
}
