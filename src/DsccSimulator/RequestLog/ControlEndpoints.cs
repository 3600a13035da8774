using System.Net;
using DsccSimulator.Errors;
using DsccSimulator.Json;

namespace DsccSimulator.RequestLog;

/// <summary>
/// The simulator's own control surface for tests: <c>/_sim/health</c> and the request log. Outside <c>/api</c>,
/// so it needs no token; restricted to loopback callers because it exposes request bodies (secrets masked).
/// </summary>
public static class ControlEndpoints
{
    public static readonly PathString Prefix = "/_sim";

    public static bool IsControlPath(PathString path) =>
        path.StartsWithSegments(Prefix, StringComparison.OrdinalIgnoreCase);

    public static void Map(IEndpointRouteBuilder app)
    {
        var control = app.MapGroup(Prefix);
        control.AddEndpointFilter(async (context, next) => IsLoopback(context.HttpContext)
            ? await next(context)
            : ApiErrors.Result(
                context.HttpContext, HttpStatusCode.Forbidden, "The /_sim endpoints answer loopback callers only."));

        control.MapGet("/health", () => Results.Json(new { status = "OK" }, JsonDefaults.Options));
        control.MapGet("/requests", (RequestLogStore log) => Results.Json(log.Snapshot(), JsonDefaults.Options));
        control.MapDelete("/requests", (RequestLogStore log) =>
        {
            log.Clear();
            return Results.NoContent();
        });
    }

    /// <summary>
    /// Kestrel always sets the remote address; the in-process test server sets none, and a caller with no network
    /// address is by definition in the same process.
    /// </summary>
    public static bool IsLoopback(HttpContext context) =>
        context.Connection.RemoteIpAddress is not { } address || IPAddress.IsLoopback(address);
}
