using System.Security.Cryptography;
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

    /// <summary>The client was deleted (<c>DELETE /_sim/clients/{id}</c>); its tokens stop working at once.</summary>
    Revoked,
}

public sealed record IssuedToken(
    string AccessToken, string ClientId, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt, bool Revoked = false);

/// <summary>
/// Issues and checks access tokens for the registered API clients. Tokens are JWT-shaped (header.claims.sig,
/// base64url) with the claims DSCC puts in its tokens, so clients that peek at <c>exp</c> work; the signature is
/// random bytes and cannot be verified.
/// </summary>
public sealed class TokenService(SimulatorOptions options, TimeProvider time, ClientRegistry clients)
{
    // Old tokens are remembered this long after expiry so a late caller still hears "expired", then forgotten:
    // a soak test that renews tokens all day must not grow the simulator without bound.
    private static readonly TimeSpan ForgetAfterExpiry = TimeSpan.FromHours(1);

    private readonly object gate = new();

    private readonly Dictionary<string, IssuedToken> tokens = new(StringComparer.Ordinal);

    private readonly Dictionary<string, string> currentTokenByClient = new(StringComparer.Ordinal);

    private readonly Queue<IssuedToken> issueOrder = new();

    private long version;

    public int LifetimeSeconds => options.TokenLifetimeSeconds;

    /// <summary>Grows with every issued, expired or revoked token; the state file saver watches it.</summary>
    public long Version => Interlocked.Read(ref version);

    public bool IsValidClient(string clientId, string clientSecret) => clients.IsValid(clientId, clientSecret);

    public IssuedToken Issue(string clientId)
    {
        var now = time.GetUtcNow();
        var expiresAt = now.AddSeconds(LifetimeSeconds);
        var token = new IssuedToken(CreateJwtShapedToken(clientId, now, expiresAt), clientId, now, expiresAt);
        lock (gate)
        {
            ForgetOldTokensLocked(now);
            tokens[token.AccessToken] = token;
            currentTokenByClient[clientId] = token.AccessToken;
            issueOrder.Enqueue(token);
            version++;
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

            if (token.Revoked)
            {
                return (TokenStatus.Revoked, token);
            }

            if (!currentTokenByClient.TryGetValue(token.ClientId, out var current) || current != accessToken)
            {
                return (TokenStatus.Superseded, token);
            }

            return time.GetUtcNow() >= token.ExpiresAt ? (TokenStatus.Expired, token) : (TokenStatus.Valid, token);
        }
    }

    /// <summary>Makes the client's current token expire now, as if its lifetime had run out.</summary>
    public void ExpireCurrentToken(string clientId)
    {
        lock (gate)
        {
            if (currentTokenByClient.TryGetValue(clientId, out var accessToken)
                && tokens[accessToken] is { } token
                && token.ExpiresAt > time.GetUtcNow())
            {
                tokens[accessToken] = token with { ExpiresAt = time.GetUtcNow() };
                version++;
            }
        }
    }

    /// <summary>Voids every token of a deleted client, so re-adding the id later does not bring them back.</summary>
    public void RevokeAll(string clientId)
    {
        lock (gate)
        {
            var owned = tokens.Values.Where(t => t.ClientId == clientId && !t.Revoked).ToList();
            foreach (var token in owned)
            {
                tokens[token.AccessToken] = token with { Revoked = true };
            }

            currentTokenByClient.Remove(clientId);
            version++;
        }
    }

    /// <summary>The current token of every client, for the state file.</summary>
    public IReadOnlyList<IssuedToken> CurrentTokens()
    {
        lock (gate)
        {
            return [.. currentTokenByClient.Values.Select(accessToken => tokens[accessToken])];
        }
    }

    /// <summary>Puts back the current tokens of a state file, for clients that still exist.</summary>
    public void Restore(IEnumerable<IssuedToken> saved)
    {
        lock (gate)
        {
            foreach (var token in saved.Where(t => !t.Revoked && clients.Find(t.ClientId) is not null))
            {
                tokens[token.AccessToken] = token;
                currentTokenByClient[token.ClientId] = token.AccessToken;
                issueOrder.Enqueue(token);
            }
        }
    }

    private void ForgetOldTokensLocked(DateTimeOffset now)
    {
        while (issueOrder.TryPeek(out var oldest) && oldest.ExpiresAt + ForgetAfterExpiry <= now)
        {
            issueOrder.Dequeue();
            if (currentTokenByClient.GetValueOrDefault(oldest.ClientId) != oldest.AccessToken)
            {
                tokens.Remove(oldest.AccessToken);
            }
        }
    }

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
