using DsccSimulator.Json;

namespace DsccSimulator.Stats;

/// <summary><c>GET /_sim/stats</c> reads the counters, <c>DELETE /_sim/stats</c> sets them back to zero.</summary>
public static class StatsEndpoints
{
    public static void Map(IEndpointRouteBuilder control)
    {
        control.MapGet("/stats", (SimStats stats) => Results.Json(stats.Report(), JsonDefaults.Options));
        control.MapDelete("/stats", (SimStats stats) =>
        {
            stats.Reset();
            return Results.NoContent();
        });
    }
}
