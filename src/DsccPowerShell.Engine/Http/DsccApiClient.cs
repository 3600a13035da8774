using System;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using DsccPowerShell.Engine.Auth;
using DsccPowerShell.Engine.Json;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace DsccPowerShell.Engine.Http
{
    /// <summary>
    /// Calls the DSCC API with the session's bearer token: JSON in, JSON out, and any error status turned into
    /// a <see cref="DsccApiException"/>. A 401 renews the token once and repeats the request once.
    /// </summary>
    internal sealed class DsccApiClient
    {
        /// <summary>What to do when a proxy, not DSCC, refused the request.</summary>
        internal const string ProxyRefusalHint =
            "The proxy between this machine and DSCC wants credentials: connect with -ProxyCredential, or with " +
            "-ProxyUseDefaultCredentials to sign in to it as the current user.";

        private readonly DsccTransport _transport;
        private readonly ITokenSource _tokens;
        private readonly Uri _baseUri;
        private readonly Func<TimeSpan> _defaultTimeout;

        public DsccApiClient(
            DsccTransport transport,
            ITokenSource tokens,
            Uri baseUri,
            Func<TimeSpan> defaultTimeout)
        {
            _transport = transport;
            _tokens = tokens;
            _baseUri = baseUri;
            _defaultTimeout = defaultTimeout;
        }

        /// <summary>Sends a request to a path under the base URI and returns the parsed JSON answer.</summary>
        /// <param name="method">The HTTP method.</param>
        /// <param name="pathAndQuery">A path such as /api/v1/volumes?offset=0, already escaped.</param>
        /// <param name="body">The JSON body, or null for none.</param>
        /// <param name="context">The caller's cancellation, time limit and reporting.</param>
        public JToken Send(HttpMethod method, string pathAndQuery, JToken body, DsccCallContext context)
        {
            try
            {
                return SendOnceRenewed(method, pathAndQuery, body, context);
            }
            catch (Exception ex) when (!(ex is OperationCanceledException))
            {
                // Counted here, once per call, after retries and renewal: what the caller sees fail.
                _transport.Statistics.CountFailure();
                throw;
            }
        }

        /// <summary>
        /// GETs a resource, which DSCC answers with a JSON object. Any other answer, such as an empty 200 from a
        /// proxy, is an error: returning an empty object would make a failure look like a resource.
        /// </summary>
        public JObject GetObject(string pathAndQuery, DsccCallContext context)
        {
            JToken answer = Send(HttpMethod.Get, pathAndQuery, body: null, context);
            if (answer is JObject resource)
            {
                return resource;
            }

            var uri = new Uri(_baseUri, pathAndQuery);
            string message = string.Format(
                CultureInfo.CurrentCulture,
                "GET {0} succeeded but answered {1} instead of a JSON object.",
                uri.GetLeftPart(UriPartial.Path),
                answer == null ? "with no body" : "with a JSON " + answer.Type.ToString().ToLowerInvariant());
            throw new DsccApiException(
                message, HttpMethod.Get, uri, HttpStatusCode.OK, "unexpected answer", errorCode: null, traceId: null);
        }

        private JToken SendOnceRenewed(HttpMethod method, string pathAndQuery, JToken body, DsccCallContext context)
        {
            var uri = new Uri(_baseUri, pathAndQuery);
            string json = body == null ? null : DsccJson.Serialize(body);
            TimeSpan timeout = context.Timeout ?? _defaultTimeout();

            DsccRequestKind kind = method == HttpMethod.Get || method == HttpMethod.Put || method == HttpMethod.Delete
                ? DsccRequestKind.Repeatable
                : DsccRequestKind.NotRepeatable;

            // Each attempt asks for the token afresh: a retry wait can outlast a short-lived token, and a token
            // sent after its expiry would cost the one renewal a call may make on a 401.
            AccessToken sent = null;
            Func<HttpRequestMessage> buildRequest = () =>
            {
                sent = GetTokenFor(method, uri, context);
                return BuildRequest(method, uri, json, sent);
            };

            RawResponse response = _transport.Send(buildRequest, timeout, context, kind, json);
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                // Another session of the same API client may have been issued a token, which invalidates ours.
                // A 401 means DSCC did not process the request, so even a create may be sent again, once.
                _transport.Statistics.CountUnauthorized();
                if (!_tokens.CanRenew)
                {
                    throw GivenTokenRefused(method, uri, response);
                }

                context.Verbose("DSCC refused the access token; renewing it once and repeating the request.");
                _tokens.Renew(context, rejected: sent);
                response = _transport.Send(buildRequest, timeout, context, kind, json);
            }

            if (!response.IsSuccess)
            {
                throw CreateError(method, uri, response);
            }

            return ParseBody(method, uri, response);
        }

        /// <summary>
        /// The token to send. A given token that has expired fails here, before sending, and the failure then
        /// names the request it was for.
        /// </summary>
        private AccessToken GetTokenFor(HttpMethod method, Uri uri, DsccCallContext context)
        {
            try
            {
                return _tokens.GetToken(context);
            }
            catch (DsccAuthenticationException expired) when (!_tokens.CanRenew)
            {
                throw new DsccAuthenticationException(
                    expired.Message,
                    method,
                    uri,
                    expired.StatusCode,
                    expired.ServiceError,
                    expired.ErrorCode,
                    expired.TraceId);
            }
        }

        private static HttpRequestMessage BuildRequest(HttpMethod method, Uri uri, string json, AccessToken token)
        {
            var request = new HttpRequestMessage(method, uri);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
            request.Headers.Accept.ParseAdd("application/json");
            if (json != null)
            {
                request.Content = new StringContent(json, Encoding.UTF8, "application/json");
            }

            return request;
        }

        private static JToken ParseBody(HttpMethod method, Uri uri, RawResponse response)
        {
            try
            {
                return DsccJson.Parse(response.Body);
            }
            catch (JsonException ex)
            {
                string message = string.Format(
                    CultureInfo.CurrentCulture,
                    "{0} {1} answered {2} with a body that is not JSON: {3}",
                    method,
                    uri.GetLeftPart(UriPartial.Path),
                    (int)response.StatusCode,
                    ex.Message);
                throw new DsccApiException(
                    message, method, uri, response.StatusCode, "invalid JSON", errorCode: null, traceId: null);
            }
        }

        private static DsccApiException CreateError(HttpMethod method, Uri uri, RawResponse response)
        {
            ReadServiceError(response, out string serviceError, out string errorCode, out string traceId);
            string message = string.Format(
                CultureInfo.CurrentCulture,
                "{0} {1} failed with {2} {3}: {4}",
                method,
                uri.GetLeftPart(UriPartial.Path),
                (int)response.StatusCode,
                response.ReasonPhrase,
                serviceError);

            bool outcomeUnknown = response.StatusCode == HttpStatusCode.BadGateway ||
                response.StatusCode == HttpStatusCode.GatewayTimeout;
            if (outcomeUnknown && method != HttpMethod.Get && method != HttpMethod.Put && method != HttpMethod.Delete)
            {
                message += " " + DsccTransport.UnknownOutcomeHint;
            }

            if (response.StatusCode == HttpStatusCode.ProxyAuthenticationRequired)
            {
                message += " " + ProxyRefusalHint;
            }

            if ((int)response.StatusCode == 429)
            {
                message += string.Format(
                    CultureInfo.CurrentCulture,
                    " DSCC's rate limit was still in force{0} when the session's attempts ran out: slow the job " +
                    "down, or connect with a larger -MaxAttempts or -MaxRetryWaitSec.",
                    response.RetryAfter == null
                        ? string.Empty
                        : " (Retry-After / ratelimit-reset: " + response.RetryAfter.Value.TotalSeconds + " s)");
            }

            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                message += string.Format(
                    CultureInfo.CurrentCulture,
                    " A freshly renewed token was refused too: check that the API client belongs to the " +
                    "workspace and region served by {0}.",
                    uri.Host);
                return new DsccAuthenticationException(
                    message, method, uri, response.StatusCode, serviceError, errorCode, traceId);
            }

            return new DsccApiException(message, method, uri, response.StatusCode, serviceError, errorCode, traceId);
        }

        private static DsccAuthenticationException GivenTokenRefused(
            HttpMethod method,
            Uri uri,
            RawResponse response)
        {
            ReadServiceError(response, out string serviceError, out string errorCode, out string traceId);
            string message = string.Format(
                CultureInfo.CurrentCulture,
                "{0} {1} failed with 401 {2} ({3}): DSCC at {4} refused the access token given to Connect-Dscc; " +
                "it may have expired or been replaced by a newer token of the same API client. {5}",
                method,
                uri.GetLeftPart(UriPartial.Path),
                response.ReasonPhrase,
                serviceError,
                uri.Host,
                GivenTokenSource.NoRenewalAdvice);
            return new DsccAuthenticationException(
                message, method, uri, response.StatusCode, serviceError, errorCode, traceId);
        }

        /// <summary>
        /// Reads DSCC's error body. HTML pages from proxies and empty bodies still give a readable text.
        /// </summary>
        private static void ReadServiceError(
            RawResponse response,
            out string serviceError,
            out string errorCode,
            out string traceId)
        {
            errorCode = null;
            traceId = null;
            JObject body = null;
            try
            {
                body = DsccJson.Parse(response.Body) as JObject;
            }
            catch (JsonException)
            {
                // Not JSON: described below from the status and media type.
            }

            if (body != null)
            {
                serviceError = (string)(body["error"] ?? body["message"]);
                errorCode = body["errorCode"]?.ToString();
                traceId = (string)body["traceId"];
                if (!string.IsNullOrEmpty(serviceError))
                {
                    return;
                }
            }

            serviceError = string.IsNullOrWhiteSpace(response.Body)
                ? "the response had no body"
                : string.Format(
                    CultureInfo.CurrentCulture,
                    "the response body was {0} rather than a DSCC error",
                    response.MediaType ?? "of unknown type");
        }
    }
}
