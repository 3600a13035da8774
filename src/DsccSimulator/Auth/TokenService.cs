using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DsccSimulator.Cli;

namespace DsccSimulator.Auth;

/// <summary>Outcome of checking a bearer token.</summary>
public enum TokenStatus
{
    Valid,
    Unknown,
    Expired,

    /// <summary>A newer token was issued to the same client, which (as in DSCC) voids the older one.</summary>
    Superseded,
}

public sealed record IssuedToken(
    string AccessToken, string ClientId, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt);

/// <summary>
/// Issues and checks access tokens for the one configured API client. Tokens are JWT-shaped (header.claims.sig,
/// base64url) with the claims DSCC puts in its tokens, so clients that peek at <c>exp</c> work; the signature is
/// random bytes and cannot be verified.
/// </summary>
public sealed class TokenService(SimulatorOptions options, TimeProvider time)
{
    private readonly object gate = new();

    private readonly Dictionary<string, IssuedToken> tokens = new(StringComparer.Ordinal);

    private readonly Dictionary<string, string> currentTokenByClient = new(StringComparer.Ordinal);

    public int LifetimeSeconds => options.TokenLifetimeSeconds;

    /// <summary>Constant-time comparison: the simulator is a model of good practice for the module, too.</summary>
    public bool IsValidClient(string clientId, string clientSecret) =>
        SameText(clientId, options.ClientId) & SameText(clientSecret, options.ClientSecret);

    public IssuedToken Issue(string clientId)
    {
        var now = time.GetUtcNow();
        var expiresAt = now.AddSeconds(LifetimeSeconds);
        var token = new IssuedToken(CreateJwtShapedToken(clientId, now, expiresAt), clientId, now, expiresAt);
        lock (gate)
        {
            tokens[token.AccessToken] = token;
            currentTokenByClient[clientId] = token.AccessToken;
        }

        return token;
    }

    public (TokenStatus Status, IssuedToken Token) Check(string accessToken)
    {
        lock (gate)
        {
            if (accessToken is null || !tokens.TryGetValue(accessToken, out var token))
            {
                return (TokenStatus.Unknown, null);
            }

            if (currentTokenByClient[token.ClientId] != accessToken)
            {
                return (TokenStatus.Superseded, token);
            }

            return time.GetUtcNow() >= token.ExpiresAt ? (TokenStatus.Expired, token) : (TokenStatus.Valid, token);
        }
    }

    private static bool SameText(string given, string expected) =>
        given is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));

    private static string CreateJwtShapedToken(string clientId, DateTimeOffset now, DateTimeOffset expiresAt)
    {
        var header = new { alg = "RS256", typ = "JWT", kid = "dscc-simulator" };
        var claims = new Dictionary<string, object>
        {
            ["client_id"] = clientId,
            ["iss"] = "https://sso.common.cloud.hpe.com",
            ["aud"] = "external_api",
            ["sub"] = clientId + "@dscc-simulator.local",
            ["auth_source"] = "dscc-simulator",
            ["iat"] = now.ToUnixTimeSeconds(),
            ["exp"] = expiresAt.ToUnixTimeSeconds(),
            ["jti"] = Guid.NewGuid().ToString("N"),
        };

        return string.Join('.',
            Base64Url(JsonSerializer.SerializeToUtf8Bytes(header)),
            Base64Url(JsonSerializer.SerializeToUtf8Bytes(claims)),
            Base64Url(RandomNumberGenerator.GetBytes(64)));
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
