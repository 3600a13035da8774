using DsccSimulator.Cli;
using DsccSimulator.Stats;

namespace DsccSimulator.Faults;

/// <summary>
/// Adds <c>--latency-ms</c> and injects faults into <c>/api</c> and token calls, after the request log (so faulted
/// calls are logged) and before error handling and authentication (so a faulted call is never processed unless its
/// kind says so, the way a gateway in front of DSCC behaves). Waits use the wall clock, not the simulated one, and
/// end early when the client goes away or the simulator shuts down.
/// </summary>
public sealed class FaultInjectionMiddleware(
    RequestDelegate next,
    FaultInjector faults,
    SimulatorOptions options,
    SimStats stats,
    IHostApplicationLifetime lifetime)
{
    private static readonly PathString ApiPrefix = "/api";

    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (!path.StartsWithSegments(ApiPrefix, StringComparison.OrdinalIgnoreCase)
            && !FaultResponses.IsTokenEndpoint(path))
        {
            await next(context);
            return;
        }

        if (options.LatencyMs > 0 && !await WaitAsync(context, options.LatencyMs))
        {
            return;
        }

        var fault = faults.Next(context.Request.Method, (context.Request.PathBase + path).Value);
        switch (fault?.Kind)
        {
            case null:
                await ProcessAsync(context);
                break;
            case FaultKind.Status:
                await FaultResponses.WriteAsync(context, fault);
                break;
            case FaultKind.Drop:
                context.Abort();
                break;
            case FaultKind.Delay:
                if (await WaitAsync(context, fault.DelayMs.GetValueOrDefault()))
                {
                    await ProcessAsync(context);
                }

                break;
            case FaultKind.DropAfter:
                await ProcessBufferedAsync(context);
                context.Abort();
                break;
            case FaultKind.Stall:
                await StallAsync(context, fault.DelayMs ?? Fault.DefaultStallMs);
                break;
        }
    }

    private async Task ProcessAsync(HttpContext context)
    {
        await next(context);
        var isWrite = !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method)
            && !HttpMethods.IsOptions(context.Request.Method);
        if (isWrite && context.Request.Path.StartsWithSegments(ApiPrefix, StringComparison.OrdinalIgnoreCase)
            && context.Response.StatusCode is >= 200 and < 300)
        {
            stats.CountWrite();
        }
    }

    /// <summary>Processes the request with the response held back, and returns what would have been sent.</summary>
    private async Task<byte[]> ProcessBufferedAsync(HttpContext context)
    {
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await ProcessAsync(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// Sends status, headers and the first half of the real body, stalls, then sends the rest. Content-Length is set,
    /// so a client that gives up sees a truncated body rather than a complete short one.
    /// </summary>
    private async Task StallAsync(HttpContext context, int stallMs)
    {
        var body = await ProcessBufferedAsync(context);
        var half = body.Length / 2;
        context.Response.ContentLength = body.Length;
        FaultResponses.Mark(context.Response, FaultKind.Stall);
        try
        {
            await context.Response.Body.WriteAsync(body.AsMemory(0, half), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            if (await WaitAsync(context, stallMs))
            {
                await context.Response.Body.WriteAsync(body.AsMemory(half), context.RequestAborted);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            // The client gave up while we were sending, which is what a stall is for.
            context.Abort();
        }
    }

    /// <summary>Waits on the wall clock; false, with the connection aborted, if the client left or we stop.</summary>
    private async Task<bool> WaitAsync(HttpContext context, int milliseconds)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(
            context.RequestAborted, lifetime.ApplicationStopping);
        try
        {
            await Task.Delay(milliseconds, wait.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            context.Abort();
            return false;
        }
    }
}
