using DsccSimulator.RequestLog;

namespace DsccSimulator.Stats;

/// <summary>
/// Counts every request the request log would show (everything but <c>/_sim</c>) and every 401 answered, whether
/// the bearer check, the token endpoint (<c>invalid_client</c>) or a scripted fault produced it.
/// </summary>
public sealed class StatsMiddleware(RequestDelegate next, SimStats stats)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (ControlEndpoints.IsControlPath(context.Request.Path))
        {
            await next(context);
            return;
        }

        stats.CountRequest();
        await next(context);
        if (context.Response.StatusCode == StatusCodes.Status401Unauthorized)
        {
            stats.CountUnauthorized();
        }
    }
}
