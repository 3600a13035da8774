using System.Net;
using DsccSimulator.Auth;
using Microsoft.AspNetCore.Routing.Template;

namespace DsccSimulator.Errors;

/// <summary>
/// Answers requests no endpoint took: 405 (with <c>Allow</c>) when the path exists for other methods, otherwise
/// 404, both as JSON in the path's error schema (an RFC 6749 error on the token endpoint). A catch-all fallback would
/// otherwise turn every wrong method into a 404.
/// </summary>
public static class FallbackEndpoint
{
    // Not MapFallback's default pattern {*path:nonfile}: that skips paths whose last segment has a dot, such as
    // /as/token.oauth2, and leaves them a bare 404 without a body.
    public static void Map(IEndpointRouteBuilder app) => app.MapFallback("{**path}", Handle);

    private static IResult Handle(HttpContext context, EndpointDataSource endpoints)
    {
        var request = context.Request;
        var allowed = AllowedMethods(endpoints, request.Path);
        if (allowed.Count == 0)
        {
            return ApiErrors.Result(context, HttpStatusCode.NotFound,
                $"Resource not found: {request.Method} {request.Path} is not a simulated endpoint.");
        }

        context.Response.Headers.Allow = string.Join(", ", allowed);
        var message = $"Method {request.Method} is not allowed on {request.Path}; use {string.Join(" or ", allowed)}.";
        return TokenEndpoint.IsTokenPath(request.Path)
            ? TokenEndpoint.MethodNotAllowed(context, message)
            : ApiErrors.Result(context, HttpStatusCode.MethodNotAllowed, message);
    }

    private static List<string> AllowedMethods(EndpointDataSource endpoints, PathString path)
    {
        var methods = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in endpoints.Endpoints.OfType<RouteEndpoint>())
        {
            var httpMethods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods;
            if (httpMethods is null || endpoint.RoutePattern.RawText?.Contains("**", StringComparison.Ordinal) == true)
            {
                continue;
            }

            var matcher = new TemplateMatcher(new RouteTemplate(endpoint.RoutePattern), new RouteValueDictionary());
            if (matcher.TryMatch(path, new RouteValueDictionary()))
            {
                methods.UnionWith(httpMethods);
            }
        }

        return [.. methods];
    }
}
