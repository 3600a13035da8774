using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Serialization;
using DsccSimulator.Json;
using DsccSimulator.Stats;

namespace DsccSimulator.Auth;

/// <summary>RFC 6749 section 5.1 success body.</summary>
public sealed record OAuthTokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] int ExpiresIn);

/// <summary>RFC 6749 section 5.2 error body.</summary>
public sealed record OAuthErrorResponse(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("error_description")] string ErrorDescription);

/// <summary>
/// Stand-in for <c>POST https://sso.common.cloud.hpe.com/as/token.oauth2</c>: the client-credentials grant, with
/// the client authenticating either in the form body (as the DSCC blog shows) or with HTTP Basic.
/// </summary>
public static class TokenEndpoint
{
    public const string Path = "/as/token.oauth2";

    public static void Map(IEndpointRouteBuilder app) => app.MapPost(Path, IssueAsync);

    public static bool IsTokenPath(PathString path) => path.Equals(Path, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The answer to another method than POST (the caller sets <c>Allow</c>): an RFC 6749 error body, as every error
    /// of this endpoint has, since OAuth clients read those and not the DSCC API's error schemas.
    /// </summary>
    public static IResult MethodNotAllowed(HttpContext context, string message)
    {
        ForbidCaching(context.Response);
        return Error(StatusCodes.Status405MethodNotAllowed, "invalid_request", message);
    }

    private static async Task<IResult> IssueAsync(HttpContext context, TokenService tokens, SimStats stats)
    {
        ForbidCaching(context.Response);

        if (!context.Request.HasFormContentType)
        {
            return Error(400, "invalid_request", "Send the request as application/x-www-form-urlencoded.");
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var basic = ReadBasicCredentials(context.Request);
        var formClientId = (string)form["client_id"];
        var formSecret = (string)form["client_secret"];

        if (basic is not null && (formClientId is not null || formSecret is not null))
        {
            return Error(400, "invalid_request", "Authenticate the client with HTTP Basic or the form body, not both.");
        }

        var (clientId, clientSecret) = basic ?? (formClientId, formSecret);
        if (!tokens.IsValidClient(clientId, clientSecret))
        {
            // RFC 6749 section 5.2: a failed client authentication is a 401 with a Basic challenge.
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"dscc-simulator\"";
            return Error(401, "invalid_client", "Client authentication failed: unknown client id or wrong secret.");
        }

        var grantType = (string)form["grant_type"];
        if (string.IsNullOrEmpty(grantType))
        {
            return Error(400, "invalid_request", "The grant_type parameter is missing; use client_credentials.");
        }

        if (grantType != "client_credentials")
        {
            return Error(400, "unsupported_grant_type",
                $"Grant type '{grantType}' is not supported; use client_credentials.");
        }

        var token = tokens.Issue(clientId);
        stats.CountToken(clientId);
        return Results.Json(
            new OAuthTokenResponse(token.AccessToken, "Bearer", tokens.LifetimeSeconds), JsonDefaults.Options);
    }

    /// <summary>Token responses carry credentials and must not be cached (RFC 6749 section 5.1).</summary>
    private static void ForbidCaching(HttpResponse response)
    {
        response.Headers.CacheControl = "no-store";
        response.Headers.Pragma = "no-cache";
    }

    private static (string ClientId, string Secret)? ReadBasicCredentials(HttpRequest request)
    {
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            || header.Parameter is null)
        {
            return null;
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                return (Uri.UnescapeDataString(decoded), null);
            }

            // RFC 6749 section 2.3.1: both parts are form-url-encoded before being joined.
            return (Uri.UnescapeDataString(decoded[..colon]), Uri.UnescapeDataString(decoded[(colon + 1)..]));
        }
        catch (FormatException)
        {
            return (null, null);
        }
    }

    private static IResult Error(int status, string error, string description) =>
        Results.Json(new OAuthErrorResponse(error, description), JsonDefaults.Options, statusCode: status);
}
