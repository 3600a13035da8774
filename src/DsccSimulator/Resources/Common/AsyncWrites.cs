using System.Net;
using DsccSimulator.Auth;
using DsccSimulator.Errors;
using DsccSimulator.Json;
using DsccSimulator.Resources.Tasks;
using DsccSimulator.Store;
using DsccSimulator.Tasks;

namespace DsccSimulator.Resources.Common;

/// <summary>Plumbing the write endpoints of hosts and volume sets share: task submission, flags, failures.</summary>
public static class AsyncWrites
{
    /// <summary>Submits <paramref name="work"/> as a task; answers 202 with the spec's <c>taskResponse</c>.</summary>
    public static IResult Submit(
        HttpContext context, TaskRunner runner, string taskName, TaskResource source, ITaskWork work)
    {
        var task = runner.Submit(
            taskName, work.Description, BearerAuthenticationMiddleware.ClientIdOf(context), source, work);
        var accepted = TaskResponse.Submitted(ResourceUris.Task(task.Id));
        return Results.Json(accepted, JsonDefaults.Options, statusCode: (int)HttpStatusCode.Accepted);
    }

    /// <summary>A check that failed during a synchronous write: 404 for unknown ids, 400 for the rest.</summary>
    public static ApiException ToHttpError(ArrayFailure failure) =>
        new(failure.ErrorCode == "NOT_FOUND" ? HttpStatusCode.NotFound : HttpStatusCode.BadRequest, failure.Message);

    /// <summary>The boolean query flag <paramref name="name"/> (<c>force</c>); absent means false.</summary>
    public static bool Flag(HttpRequest request, string name)
    {
        var text = (string)request.Query[name];
        if (text is null)
        {
            return false;
        }

        return bool.TryParse(text, out var value)
            ? value
            : throw ApiException.BadRequest($"Invalid {name} '{text}': use true or false.");
    }
}
