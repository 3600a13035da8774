using System.Net;
using DsccSimulator.Errors;

namespace DsccSimulator.Auth;

/// <summary>
/// Every <c>/api/v1</c> call needs <c>Authorization: Bearer &lt;token&gt;</c> with a live token from this
/// simulator. Runs before routing, so unknown API paths also answer 401 to anonymous callers, as a gateway would.
/// </summary>
public sealed class BearerAuthenticationMiddleware(RequestDelegate next, TokenService tokens, ClientRegistry clients)
{
    public const string ClientIdItem = "dscc.clientId";

    private static readonly PathString ProtectedPrefix = "/api";

    public Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments(ProtectedPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return next(context);
        }

        var bearer = ReadBearer(context.Request);
        var (status, token) = tokens.Check(bearer);
        if (status == TokenStatus.Valid)
        {
            context.Items[ClientIdItem] = token.ClientId;
            if (clients.Find(token.ClientId)?.Access == ClientAccess.None)
            {
                // The gateway knows the caller but RBAC refuses everything, like credentials of a user without roles.
                return ApiErrors.WriteAsync(context, HttpStatusCode.Forbidden,
                    $"Forbidden: API client '{token.ClientId}' has no permission for {context.Request.Method} "
                    + $"{context.Request.Path}.");
            }

            return next(context);
        }

        var message = bearer is null
            ? "Missing bearer token: send 'Authorization: Bearer <access_token>' from POST /as/token.oauth2."
            : status switch
            {
                TokenStatus.Expired => "The access token has expired; request a new one from POST /as/token.oauth2.",
                TokenStatus.Superseded => "The access token was replaced by a newer token for the same client.",
                TokenStatus.Revoked => "The access token was revoked: its API client no longer exists.",
                _ => "The access token is not valid.",
            };

        context.Response.Headers.WWWAuthenticate = bearer is null ? "Bearer" : "Bearer error=\"invalid_token\"";
        return ApiErrors.WriteAsync(context, HttpStatusCode.Unauthorized, message);
    }

    private static string ReadBearer(HttpRequest request)
    {
        var header = (string)request.Headers.Authorization;
        const string scheme = "Bearer ";
        return header is not null && header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)
            ? header[scheme.Length..].Trim()
            : null;
    }

    /// <summary>The API client the request authenticated as (the task <c>userId</c>).</summary>
    public static string ClientIdOf(HttpContext context) => context.Items[ClientIdItem] as string;
}
