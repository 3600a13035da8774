using System.Net;
using DsccSimulator.Errors;
using DsccSimulator.Faults;
using DsccSimulator.RequestLog;
using DsccSimulator.Stats;

namespace DsccSimulator.Control;

/// <summary>
/// The <c>/_sim</c> controls for transport tests: clients and tokens, scripted faults and counters. Same rules as
/// the request log hooks: no token, loopback callers only (403 otherwise), and never written to the request log.
/// </summary>
public static class TransportControlEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var control = app.MapGroup(ControlEndpoints.Prefix);
        control.AddEndpointFilter(async (context, next) => ControlEndpoints.IsLoopback(context.HttpContext)
            ? await next(context)
            : ApiErrors.Result(
                context.HttpContext, HttpStatusCode.Forbidden, "The /_sim endpoints answer loopback callers only."));

        ClientControlEndpoints.Map(control);
        FaultControlEndpoints.Map(control);
        StatsEndpoints.Map(control);
    }
}
