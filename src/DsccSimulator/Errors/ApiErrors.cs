using System.Diagnostics;
using System.Globalization;
using System.Net;
using DsccSimulator.Json;

namespace DsccSimulator.Errors;

/// <summary>Which error schema a path answers with; the spec uses two different ones.</summary>
public enum ErrorFlavor
{
    /// <summary><c>errorResponse {error, errorCode}</c>: storage-systems, volumes, pools, ...</summary>
    Storage,

    /// <summary><c>ErrorResponse {error, errorCode, traceId}</c>: tasks, audit-events, issues (later authz).</summary>
    Platform,
}

/// <summary>Writes error bodies in the schema the request path calls for.</summary>
public static class ApiErrors
{
    // Platform services of DSCC (the spec gives them ErrorResponse); everything else under /api/v1 is a storage path.
    private static readonly string[] PlatformPathPrefixes =
    [
        "/api/v1/tasks", "/api/v1/audit-events", "/api/v1/issues", "/api/v1/access-controls", "/api/v1/resource-types",
    ];

    private static readonly object TraceIdKey = new();

    public static ErrorFlavor FlavorFor(PathString path)
    {
        foreach (var prefix in PlatformPathPrefixes)
        {
            if (path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return ErrorFlavor.Platform;
            }
        }

        return ErrorFlavor.Storage;
    }

    public static IResult Result(HttpContext context, HttpStatusCode status, string message) =>
        Results.Json(Body(context, status, message), JsonDefaults.Options, statusCode: (int)status);

    public static Task WriteAsync(HttpContext context, HttpStatusCode status, string message)
    {
        context.Response.StatusCode = (int)status;
        return context.Response.WriteAsJsonAsync(Body(context, status, message), JsonDefaults.Options);
    }

    public static object Body(HttpContext context, HttpStatusCode status, string message) =>
        FlavorFor(context.Request.Path) == ErrorFlavor.Platform
            ? new PlatformErrorResponse(message, PlatformCode(status), TraceId(context))
            : new StorageErrorResponse(message, ((int)status).ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// The 32-hex trace id DSCC puts in platform errors (a W3C trace id has exactly that shape). Cached per request
    /// so every error body of one request carries the same id.
    /// </summary>
    public static string TraceId(HttpContext context)
    {
        if (context.Items.TryGetValue(TraceIdKey, out var cached) && cached is string known)
        {
            return known;
        }

        var traceId = Activity.Current?.TraceId.ToHexString() ?? ActivityTraceId.CreateRandom().ToHexString();
        context.Items[TraceIdKey] = traceId;
        return traceId;
    }

    /// <summary>Codes listed in the spec's Tasks* error schemas ("Possible values: ...").</summary>
    public static string PlatformCode(HttpStatusCode status) => status switch
    {
        HttpStatusCode.BadRequest or HttpStatusCode.MethodNotAllowed => "BAD_REQUEST",
        HttpStatusCode.Unauthorized => "UNAUTHENTICATED",
        HttpStatusCode.Forbidden => "FORBIDDEN",
        HttpStatusCode.NotFound => "NOT_FOUND",
        HttpStatusCode.Conflict => "CONFLICT",
        HttpStatusCode.ServiceUnavailable => "SERVICE_UNAVAILABLE",
        _ => "INTERNAL_ERROR",
    };
}
