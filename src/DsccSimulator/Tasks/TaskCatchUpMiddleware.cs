namespace DsccSimulator.Tasks;

/// <summary>Brings tasks up to the current time before any API request reads or changes state.</summary>
public sealed class TaskCatchUpMiddleware(RequestDelegate next, TaskRunner runner)
{
    private static readonly PathString ApiPrefix = "/api";

    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments(ApiPrefix, StringComparison.OrdinalIgnoreCase))
        {
            runner.CatchUp();
        }

        return next(context);
    }
}
