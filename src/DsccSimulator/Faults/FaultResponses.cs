using System.Net;
using DsccSimulator.Auth;
using DsccSimulator.Errors;
using DsccSimulator.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace DsccSimulator.Faults;

/// <summary>
/// Writes the answer of a status fault: the status, the optional <c>Retry-After</c> and <c>ratelimit-reset</c>
/// headers, and either the scripted body or the error body the path's schema calls for.
/// </summary>
public static class FaultResponses
{
    /// <summary>
    /// Marks an answer the fault injector made or reshaped (value: the fault kind, <c>status</c> or <c>stall</c>).
    /// A gateway's 429/502/503/504 (or a scripted 418) need not be a status the operation's spec declares, and a
    /// stalled body cannot be read whole, so clients that check answers against the spec skip marked ones.
    /// </summary>
    public const string FaultHeader = "X-Dscc-Simulator-Fault";

    /// <summary>Sets <see cref="FaultHeader"/>; call before the response starts.</summary>
    public static void Mark(HttpResponse response, FaultKind kind) =>
        response.Headers[FaultHeader] = Fault.KindName(kind);

    public static async Task WriteAsync(HttpContext context, Fault fault)
    {
        var status = fault.Status.GetValueOrDefault(StatusCodes.Status500InternalServerError);
        var response = context.Response;
        response.StatusCode = status;
        Mark(response, FaultKind.Status);
        if (fault.RetryAfter is not null)
        {
            response.Headers.RetryAfter = fault.RetryAfter;
        }

        if (fault.RateLimitReset is not null)
        {
            response.Headers["ratelimit-reset"] = fault.RateLimitReset;
        }

        if (status == StatusCodes.Status401Unauthorized)
        {
            response.Headers.WWWAuthenticate = IsTokenEndpoint(context.Request.Path)
                ? "Basic realm=\"dscc-simulator\""
                : "Bearer error=\"invalid_token\"";
        }

        if (fault.Body is { } body)
        {
            response.ContentType = "application/json; charset=utf-8";
            await response.WriteAsync(body.GetRawText(), context.RequestAborted);
            return;
        }

        await response.WriteAsJsonAsync(DefaultBody(context, status, fault.RetryAfter), JsonDefaults.Options);
    }

    /// <summary>
    /// The spec's error schema for the path: <c>errorResponse</c> on storage paths, <c>ErrorResponse</c> with a
    /// <c>traceId</c> on platform paths, and an RFC 6749 error on the token endpoint (which the spec does not cover).
    /// </summary>
    public static object DefaultBody(HttpContext context, int status, string retryAfter)
    {
        var message = Message(status, retryAfter);
        if (IsTokenEndpoint(context.Request.Path))
        {
            return new OAuthErrorResponse(OAuthErrorCode(status), message);
        }

        return ApiErrors.FlavorFor(context.Request.Path) == ErrorFlavor.Platform
            ? new PlatformErrorResponse(message, PlatformCode(status), ApiErrors.TraceId(context))
            : ApiErrors.Body(context, (HttpStatusCode)status, message);
    }

    public static bool IsTokenEndpoint(PathString path) => TokenEndpoint.IsTokenPath(path);

    /// <summary>
    /// The platform schemas list BAD_REQUEST ... SERVICE_UNAVAILABLE; a gateway's 502 and 504 also mean the
    /// service is unavailable, and 429 (declared on the authz paths) gets the conventional name.
    /// </summary>
    private static string PlatformCode(int status) => status switch
    {
        StatusCodes.Status429TooManyRequests => "TOO_MANY_REQUESTS",
        StatusCodes.Status502BadGateway or StatusCodes.Status504GatewayTimeout => "SERVICE_UNAVAILABLE",
        _ => ApiErrors.PlatformCode((HttpStatusCode)status),
    };

    private static string OAuthErrorCode(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => "invalid_client",
        StatusCodes.Status403Forbidden => "unauthorized_client",
        StatusCodes.Status429TooManyRequests or >= 500 => "temporarily_unavailable",
        _ => "invalid_request",
    };

    private static string Message(int status, string retryAfter)
    {
        var text = status switch
        {
            StatusCodes.Status429TooManyRequests => "Too many requests: the rate limit was exceeded",
            StatusCodes.Status502BadGateway => "Bad gateway: the service behind the gateway answered badly",
            StatusCodes.Status503ServiceUnavailable => "Service unavailable: try again later",
            StatusCodes.Status504GatewayTimeout => "Gateway timeout: the service behind the gateway did not answer",
            _ => ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : $"HTTP {status}",
        };
        var retry = retryAfter is null ? "" : $" Retry after {retryAfter}.";
        return $"{text} (simulated fault).{retry}";
    }
}
