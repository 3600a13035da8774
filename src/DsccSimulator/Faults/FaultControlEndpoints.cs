using System.Text.RegularExpressions;
using DsccSimulator.Control;
using DsccSimulator.Errors;
using DsccSimulator.Json;

namespace DsccSimulator.Faults;

/// <summary>
/// <c>POST /_sim/faults</c> scripts a fault for the next matching calls, <c>GET</c> lists the pending ones with
/// their remaining counts, <c>DELETE</c> clears them. The body is checked strictly: a property that does not apply
/// to the fault's kind is a 400, so a test never believes it set up something the simulator will not do.
/// </summary>
public static partial class FaultControlEndpoints
{
    private const int MaxDelayMs = 24 * 3_600_000;

    public static void Map(IEndpointRouteBuilder control)
    {
        control.MapGet("/faults", (FaultInjector faults) => Results.Json(faults.Pending(), JsonDefaults.Options));

        control.MapDelete("/faults", (FaultInjector faults) =>
        {
            faults.Clear();
            return Results.NoContent();
        });

        control.MapPost("/faults", async (HttpContext context, FaultInjector faults) =>
        {
            var body = await ControlBody.ReadAsync(
                context.Request,
                "method", "path", "count", "status", "kind", "retryAfter", "rateLimitReset", "delayMs", "body");
            var method = ParseMethod(body.OptionalText("method"));
            var path = ParsePath(body.RequiredText("path"));
            var count = body.OptionalInt("count", 1, 1_000_000) ?? 1;
            var entry = faults.Add(method, path, count, ParseFault(body));
            return Results.Json(new { id = entry.Id }, JsonDefaults.Options, statusCode: StatusCodes.Status201Created);
        });
    }

    private static Fault ParseFault(ControlBody body)
    {
        var kindName = body.OptionalText("kind") ?? "status";
        var kind = Fault.ParseKind(kindName)
            ?? throw ApiException.BadRequest(
                $"Property 'kind' must be status, drop, drop-after, stall or delay, not '{kindName}'.");

        RejectUnless(body, kind == FaultKind.Status, kindName, "status", "retryAfter", "rateLimitReset", "body");
        RejectUnless(body, kind is FaultKind.Stall or FaultKind.Delay, kindName, "delayMs");

        var status = body.OptionalInt("status", 400, 599);
        if (kind == FaultKind.Status && status is null)
        {
            throw ApiException.BadRequest("Property 'status' (400-599) is required for kind 'status'.");
        }

        var delayMs = body.OptionalInt("delayMs", 0, MaxDelayMs);
        if (kind == FaultKind.Delay && delayMs is null)
        {
            throw ApiException.BadRequest("Property 'delayMs' is required for kind 'delay'.");
        }

        return new Fault(
            kind,
            status,
            body.OptionalTextOrNumber("retryAfter"),
            body.OptionalTextOrNumber("rateLimitReset"),
            delayMs,
            body.OptionalJson("body"));
    }

    private static void RejectUnless(ControlBody body, bool applies, string kindName, params string[] properties)
    {
        var given = properties.Where(body.Has).ToList();
        if (!applies && given.Count > 0)
        {
            throw ApiException.BadRequest(
                $"Property '{given[0]}' does not apply to kind '{kindName}'.");
        }
    }

    private static string ParseMethod(string method)
    {
        if (method is null)
        {
            return null;
        }

        return MethodToken().IsMatch(method)
            ? method.ToUpperInvariant()
            : throw ApiException.BadRequest($"Property 'method' must be an HTTP method such as GET, not '{method}'.");
    }

    private static string ParsePath(string path)
    {
        var star = path.IndexOf('*', StringComparison.Ordinal);
        if (!path.StartsWith('/') || (star >= 0 && star != path.Length - 1))
        {
            throw ApiException.BadRequest(
                $"Property 'path' must start with '/' and may only end with '*' (prefix match), not '{path}'.");
        }

        return path;
    }

    [GeneratedRegex("^[A-Za-z]+$")]
    private static partial Regex MethodToken();
}
