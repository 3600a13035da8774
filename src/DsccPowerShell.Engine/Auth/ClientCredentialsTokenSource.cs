using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Runtime.InteropServices;
using System.Security;
using System.Text;
using System.Threading;
using DsccPowerShell.Engine.Http;
using DsccPowerShell.Engine.Json;
using Newtonsoft.Json.Linq;

namespace DsccPowerShell.Engine.Auth
{
    /// <summary>
    /// Gets tokens with the OAuth 2.0 client-credentials grant, through its session's transport, into a cache
    /// shared by every session of the same API client. DSCC invalidates a client's previous token whenever it
    /// issues a new one, so renewals must be rare and never concurrent: one renewal at a time, and a caller whose
    /// token was rejected renews only if nobody renewed meanwhile.
    /// </summary>
    internal sealed class ClientCredentialsTokenSource : ITokenSource
    {
        private static readonly TimeSpan MaximumRenewalMargin = TimeSpan.FromSeconds(60);

        private readonly DsccTransport _transport;
        private readonly Uri _tokenUri;
        private readonly string _clientId;
        private readonly SecureString _clientSecret;
        private readonly Func<DateTimeOffset> _utcNow;
        private readonly Func<TimeSpan> _defaultTimeout;
        private readonly SharedTokenCache _cache;

        public ClientCredentialsTokenSource(
            DsccTransport transport,
            SharedTokenCache cache,
            Uri tokenUri,
            string clientId,
            SecureString clientSecret,
            Func<DateTimeOffset> utcNow,
            Func<TimeSpan> defaultTimeout)
        {
            _transport = transport;
            _cache = cache;
            _tokenUri = tokenUri;
            _clientId = clientId;
            _clientSecret = clientSecret.Copy();
            _clientSecret.MakeReadOnly();
            _utcNow = utcNow;
            _defaultTimeout = defaultTimeout;
        }

        /// <summary>Gets the expiry of the current token, or null before the first one.</summary>
        public DateTimeOffset? ExpiresOn => _cache.Current?.ExpiresOn;

        /// <summary>Gets how many tokens have been obtained for this API client in this process.</summary>
        public long TokensIssued => _cache.TokensIssued;

        /// <summary>Gets whether the source can renew: it holds the client's secret, so it always can.</summary>
        public bool CanRenew => true;

        /// <summary>Returns a token that is not near expiry, getting a new one if needed.</summary>
        public AccessToken GetToken(DsccCallContext context)
        {
            AccessToken token = _cache.Current;
            if (token != null && _utcNow() < token.RenewAfter)
            {
                return token;
            }

            return Renew(context, rejected: token);
        }

        /// <summary>
        /// Called after DSCC rejected <paramref name="rejected"/> with 401. Gets a new token unless another
        /// request already replaced the rejected one, in which case that newer token is returned.
        /// </summary>
        public AccessToken Renew(DsccCallContext context, AccessToken rejected) =>
            _cache.Replace(
                rejected,
                token => _utcNow() < token.RenewAfter,
                () => RequestToken(context),
                context.Cancellation);

        /// <summary>Lets go of the shared cache when the session ends.</summary>
        public void Release() => _cache.Release();

        private AccessToken RequestToken(DsccCallContext context)
        {
            RawResponse response = _transport.Send(
                BuildTokenRequest,
                context.Timeout ?? _defaultTimeout(),
                context,
                DsccRequestKind.TokenRequest,
                "grant_type=client_credentials&client_id=" + Uri.EscapeDataString(_clientId) + "&client_secret=***");

            DateTimeOffset receivedAt = _utcNow();
            if (!response.IsSuccess)
            {
                throw TokenRefused(response);
            }

            JObject body = ParseTokenBody(response);
            string value = (string)body["access_token"];
            if (string.IsNullOrEmpty(value))
            {
                throw TokenRefused(response, "the answer held no access_token");
            }

            DateTimeOffset expiresOn = ReadExpiry(body, value, receivedAt);
            return new AccessToken(value, expiresOn, RenewalTime(receivedAt, expiresOn));
        }

        private HttpRequestMessage BuildTokenRequest()
        {
            string secret = SecretText.Read(_clientSecret);
            var request = new HttpRequestMessage(HttpMethod.Post, _tokenUri)
            {
                // FormUrlEncodedContent percent-encodes every field, so secrets with '&', '+' or '=' survive.
                Content = new FormUrlEncodedContent(new[]
                {
                    new KeyValuePair<string, string>("grant_type", "client_credentials"),
                    new KeyValuePair<string, string>("client_id", _clientId),
                    new KeyValuePair<string, string>("client_secret", secret),
                }),
            };
            request.Headers.Accept.ParseAdd("application/json");
            return request;
        }

        private static JObject ParseTokenBody(RawResponse response)
        {
            try
            {
                return DsccJson.Parse(response.Body) as JObject ?? new JObject();
            }
            catch (Newtonsoft.Json.JsonException)
            {
                return new JObject();
            }
        }

        private static DateTimeOffset ReadExpiry(JObject body, string token, DateTimeOffset receivedAt)
        {
            double? seconds = ReadSeconds(body["expires_in"]);
            if (seconds > 0)
            {
                return receivedAt.AddSeconds(seconds.Value);
            }

            DateTimeOffset? fromJwt = JwtExpiry.Read(token);
            return fromJwt ?? DateTimeOffset.MaxValue;
        }

        private static double? ReadSeconds(JToken value)
        {
            if (value == null)
            {
                return null;
            }

            if (value.Type == JTokenType.Integer || value.Type == JTokenType.Float)
            {
                return (double)value;
            }

            // Some token services send the lifetime as a string; it is never culture-formatted.
            bool parsed = double.TryParse(
                (string)value, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds);
            return value.Type == JTokenType.String && parsed ? seconds : (double?)null;
        }

        private static DateTimeOffset RenewalTime(DateTimeOffset receivedAt, DateTimeOffset expiresOn)
        {
            if (expiresOn == DateTimeOffset.MaxValue)
            {
                // No lifetime was given: keep the token until DSCC rejects it.
                return DateTimeOffset.MaxValue;
            }

            TimeSpan lifetime = expiresOn - receivedAt;
            TimeSpan margin = TimeSpan.FromTicks(Math.Min(MaximumRenewalMargin.Ticks, lifetime.Ticks / 10));
            return expiresOn - margin;
        }

        private DsccApiException TokenRefused(RawResponse response, string problem = null)
        {
            // Only a 400 or 401 can be the token service judging the credentials (RFC 6749 section 5.2), and only
            // with some error codes; anything else means the request never reached a token service that could
            // judge them: a proxy, a busy service or, most often, a wrong -TokenUri.
            int status = (int)response.StatusCode;
            if (response.StatusCode == HttpStatusCode.ProxyAuthenticationRequired)
            {
                string proxy = string.Format(
                    CultureInfo.CurrentCulture,
                    "The token request to {0} was refused by a proxy (407 {1}), so it never reached the token " +
                    "service. {2}",
                    _tokenUri.GetLeftPart(UriPartial.Path),
                    response.ReasonPhrase,
                    DsccApiClient.ProxyRefusalHint);
                return NotAboutTheClient(response, proxy, "proxy authentication required", code: null);
            }

            if (problem == null && status != 400 && status != 401)
            {
                string notJudged = status == 429 || status >= 500
                    ? "{0} answered {1} {2} to the token request even after retries: the token service is busy " +
                      "or unavailable, which says nothing about the credentials. Try again later."
                    : "{0} answered {1} {2} to the token request; it does not look like an OAuth token endpoint. " +
                      "Check -TokenUri (DSCC's is {3}).";
                string explanation = string.Format(
                    CultureInfo.CurrentCulture,
                    notJudged,
                    _tokenUri.GetLeftPart(UriPartial.Path),
                    status,
                    response.ReasonPhrase,
                    Sessions.DsccRegions.DefaultTokenUri);
                return NotAboutTheClient(response, explanation, explanation, code: null);
            }

            string detail = problem;
            string code = null;
            if (detail == null)
            {
                JObject body = ParseTokenBody(response);
                code = (string)body["error"];
                string description = (string)body["error_description"];
                detail = code == null
                    ? string.Format(
                        CultureInfo.CurrentCulture, "HTTP {0} {1}", (int)response.StatusCode, response.ReasonPhrase)
                    : (description == null ? code : code + ": " + description);
            }

            if (!JudgesTheClient(status, code))
            {
                string malformed = string.Format(
                    CultureInfo.CurrentCulture,
                    "The token service at {0} could not take the token request ({1}), which says nothing about " +
                    "the credentials: the endpoint does not expect this request. Check -TokenUri (DSCC's is {2}).",
                    _tokenUri.GetLeftPart(UriPartial.Path),
                    detail,
                    Sessions.DsccRegions.DefaultTokenUri);
                return NotAboutTheClient(response, malformed, detail, code);
            }

            string message = string.Format(
                CultureInfo.CurrentCulture,
                "The token service at {0} refused client '{1}' ({2}). Check the client id and secret of the " +
                "API client in HPE GreenLake, and that it has not been deleted or its secret rotated.",
                _tokenUri.GetLeftPart(UriPartial.Path),
                _clientId,
                detail);
            return new DsccAuthenticationException(
                message, HttpMethod.Post, _tokenUri, response.StatusCode, detail, code, traceId: null);
        }

        /// <summary>A refused token request that says nothing of the credentials: no authentication error.</summary>
        private DsccApiException NotAboutTheClient(RawResponse response, string message, string detail, string code) =>
            new DsccApiException(message, HttpMethod.Post, _tokenUri, response.StatusCode, detail, code, traceId: null);

        /// <summary>
        /// Whether a 400 or 401 is about the client (RFC 6749 section 5.2): invalid_client, unauthorized_client and
        /// invalid_grant are; invalid_request, unsupported_grant_type and invalid_scope fault the request itself. A
        /// 401 without an OAuth error code is taken as a refused client.
        /// </summary>
        private static bool JudgesTheClient(int status, string code)
        {
            switch (code)
            {
                case "invalid_client":
                case "unauthorized_client":
                case "invalid_grant":
                    return true;
                case null:
                    return status == 401;
                default:
                    return false;
            }
        }
    }

    /// <summary>Reads the exp claim of a JWT without validating it; only used when expires_in is missing.</summary>
    internal static class JwtExpiry
    {
        public static DateTimeOffset? Read(string token)
        {
            string[] parts = token.Split('.');
            if (parts.Length != 3)
            {
                return null;
            }

            try
            {
                string payload = parts[1].Replace('-', '+').Replace('_', '/');
                payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
                string json = Encoding.UTF8.GetString(Convert.FromBase64String(payload));
                JToken exp = (DsccJson.Parse(json) as JObject)?["exp"];
                if (exp == null || exp.Type != JTokenType.Integer)
                {
                    return null;
                }

                return DateTimeOffset.FromUnixTimeSeconds((long)exp);
            }
            catch (FormatException)
            {
                return null;
            }
            catch (Newtonsoft.Json.JsonException)
            {
                return null;
            }
        }
    }
}
