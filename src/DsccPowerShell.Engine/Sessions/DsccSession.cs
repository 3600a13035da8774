using System;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Threading;
using DsccPowerShell.Engine.Auth;
using DsccPowerShell.Engine.Http;

namespace DsccPowerShell.Engine.Sessions
{
    /// <summary>
    /// A connection to one DSCC region for one API client. It shows where it is connected and until when its
    /// token lasts, and never the token or the secret.
    /// </summary>
    public sealed class DsccSession : IDisposable
    {
        private readonly DsccTransport _transport;
        private readonly ITokenSource _tokens;
        private long _timeoutTicks;

        private DsccSession(DsccConnectionSettings settings, Uri baseUri, Uri tokenUri, Func<DateTimeOffset> utcNow)
        {
            Region = settings.Region?.ToLowerInvariant();
            BaseUri = baseUri;
            bool givenToken = HasGivenToken(settings);
            TokenUri = givenToken ? null : tokenUri;
            ClientId = givenToken ? null : settings.ClientId;
            Timeout = settings.Timeout;
            SkipsCertificateCheck = settings.Transport.SkipCertificateCheck;
            UtcNow = utcNow;
            _transport = new DsccTransport(settings.Transport);
            if (givenToken)
            {
                _tokens = new GivenTokenSource(SecretText.Read(settings.AccessToken), baseUri, utcNow);
            }
            else
            {
                // Sessions over a test's own handler (and clock) never share tokens with anyone else.
                SharedTokenCache cache = settings.Transport.HandlerFactory == null
                    ? SharedTokenCache.Acquire(tokenUri, settings.ClientId, settings.ClientSecret)
                    : SharedTokenCache.CreatePrivate();
                _tokens = new ClientCredentialsTokenSource(
                    _transport, cache, tokenUri, settings.ClientId, settings.ClientSecret, utcNow, () => Timeout);
            }

            Api = new DsccApiClient(_transport, _tokens, baseUri, () => Timeout);
        }

        /// <summary>Gets the number that tells this session apart from others in this process.</summary>
        public int Id { get; internal set; }

        /// <summary>Gets whether Disconnect-Dscc has ended the session; a closed session refuses every call.</summary>
        public bool IsClosed { get; private set; }

        /// <summary>Gets the region name, or null when the session was opened with an explicit base URI.</summary>
        public string Region { get; }

        /// <summary>Gets the API base URI every request of this session goes to.</summary>
        public Uri BaseUri { get; }

        /// <summary>Gets the token endpoint, or null for a session opened with a given access token.</summary>
        public Uri TokenUri { get; }

        /// <summary>Gets the API client id, or null for a session opened with a given access token.</summary>
        public string ClientId { get; }

        /// <summary>Gets whether the session renews its own token (false when opened with -AccessToken).</summary>
        public bool CanRenewToken => _tokens.CanRenew;

        /// <summary>Gets whether the session accepts any server certificate.</summary>
        public bool SkipsCertificateCheck { get; }

        /// <summary>Gets what the session has done: requests, retries, refused tokens, failures.</summary>
        public DsccSessionStatistics Statistics => _transport.Statistics;

        /// <summary>Gets when the session was opened.</summary>
        public DateTimeOffset ConnectedOn { get; private set; }

        /// <summary>Gets when the current token expires; the session renews it before then.</summary>
        public DateTimeOffset? TokenExpiresOn =>
            _tokens.ExpiresOn == DateTimeOffset.MaxValue ? null : _tokens.ExpiresOn;

        /// <summary>
        /// Gets how many tokens the session's API client has obtained in this process, the first one included:
        /// sessions of one client share their token, so they report the same count.
        /// </summary>
        public long TokenCount => _tokens.TokensIssued;

        /// <summary>Gets or sets the time limit of each request.</summary>
        public TimeSpan Timeout
        {
            get => TimeSpan.FromTicks(Interlocked.Read(ref _timeoutTicks));
            set
            {
                if (value <= TimeSpan.Zero || value > MaxTimeout)
                {
                    throw new DsccSettingException(
                        string.Format(
                            CultureInfo.CurrentCulture,
                            "A request time limit must be more than 0 and at most {0} seconds; {1} was given.",
                            MaxTimeoutSeconds,
                            value.TotalSeconds),
                        nameof(DsccConnectionSettings.Timeout),
                        value.TotalSeconds.ToString(CultureInfo.InvariantCulture));
                }

                Interlocked.Exchange(ref _timeoutTicks, value.Ticks);
            }
        }

        /// <summary>
        /// The longest request time limit in seconds, about 24 days: a timer cannot count further (int.MaxValue
        /// milliseconds).
        /// </summary>
        public const int MaxTimeoutSeconds = 2147483;

        private static readonly TimeSpan MaxTimeout = TimeSpan.FromSeconds(MaxTimeoutSeconds);

        /// <summary>Gets whether this is the session cmdlets use when none is given.</summary>
        public bool IsDefault => ReferenceEquals(DsccSessionStore.Default, this);

        internal DsccApiClient Api { get; }

        internal Func<DateTimeOffset> UtcNow { get; }

        /// <summary>
        /// Opens a session: checks the settings, gets the first token, and returns the session. It is not
        /// registered anywhere; see <see cref="DsccSessionStore"/>.
        /// </summary>
        public static DsccSession Open(DsccConnectionSettings settings, DsccCallContext context) =>
            Open(settings, context, handlerFactory: null, utcNow: () => DateTimeOffset.UtcNow);

        internal static DsccSession Open(
            DsccConnectionSettings settings,
            DsccCallContext context,
            Func<HttpMessageHandler> handlerFactory,
            Func<DateTimeOffset> utcNow)
        {
            bool givenToken = HasGivenToken(settings);
            if (!givenToken && string.IsNullOrWhiteSpace(settings.ClientId))
            {
                throw new DsccSettingException(
                    "A client id is required.", nameof(settings.ClientId), settings.ClientId);
            }

            if (!givenToken && (settings.ClientSecret == null || settings.ClientSecret.Length == 0))
            {
                throw new DsccSettingException(
                    "A client secret is required.", nameof(settings.ClientSecret), settings.ClientId);
            }

            Uri baseUri = NormaliseBaseUri(settings.BaseUri ?? DsccRegions.GetBaseUri(settings.Region));

            // A simulator on this machine serves its own token endpoint; sending its client's secret to HPE's
            // SSO service by default would only leak it.
            Uri tokenUri = settings.TokenUri ??
                (IsLoopback(baseUri) ? new Uri(baseUri, "/as/token.oauth2") : DsccRegions.DefaultTokenUri);
            RequireSafeScheme(baseUri, "base URI", nameof(settings.BaseUri));
            RequireSafeScheme(tokenUri, "token URI", nameof(settings.TokenUri));
            if (handlerFactory != null)
            {
                settings.Transport.HandlerFactory = handlerFactory;
            }

            var session = new DsccSession(settings, baseUri, tokenUri, utcNow);
            try
            {
                session._tokens.GetToken(context);
                session.ConnectedOn = utcNow();
                return session;
            }
            catch
            {
                session.Dispose();
                throw;
            }
        }

        /// <summary>
        /// Makes the cheapest call every role can make (one storage system) to show the session works. A 403 is
        /// not a failure to connect: the client lacks a permission, and the returned text says which call failed.
        /// </summary>
        /// <returns>Null when the call succeeded; otherwise why this client may not read storage systems.</returns>
        public string TestConnection(DsccCallContext context)
        {
            try
            {
                Api.Send(HttpMethod.Get, "/api/v1/storage-systems?limit=1", body: null, context);
                return null;
            }
            catch (DsccApiException ex) when (ex.StatusCode == HttpStatusCode.Forbidden)
            {
                return ex.ServiceError;
            }
        }

        /// <inheritdoc/>
        public override string ToString() =>
            string.Format(
                CultureInfo.InvariantCulture,
                "{0} at {1}",
                ClientId ?? "access token",
                BaseUri.GetLeftPart(UriPartial.Authority));

        /// <summary>Closes the session and releases its HTTP resources.</summary>
        public void Dispose()
        {
            if (IsClosed)
            {
                return;
            }

            IsClosed = true;
            (_tokens as ClientCredentialsTokenSource)?.Release();
            _transport.Dispose();
        }

        private static Uri NormaliseBaseUri(Uri baseUri)
        {
            if (!baseUri.IsAbsoluteUri)
            {
                throw new DsccSettingException(
                    $"The base URI '{baseUri}' must be absolute.",
                    nameof(DsccConnectionSettings.BaseUri),
                    baseUri.OriginalString);
            }

            // API paths start with /api/v1, so a path here would be lost or doubled; user info would be shown in
            // the session object and sent to the server in clear.
            bool hasPath = baseUri.AbsolutePath != "/" && baseUri.AbsolutePath.Length > 0;
            if (!string.IsNullOrEmpty(baseUri.UserInfo) || hasPath || HasQueryOrFragment(baseUri))
            {
                throw new DsccSettingException(
                    "The base URI must be only scheme, host and port, such as https://us1.data.cloud.hpe.com " +
                    $"(given: {DsccRedaction.ForDisplay(baseUri)}).",
                    nameof(DsccConnectionSettings.BaseUri),
                    DsccRedaction.ForDisplay(baseUri));
            }

            return new Uri(baseUri.GetLeftPart(UriPartial.Authority) + "/");
        }

        private static void RequireSafeScheme(Uri uri, string what, string settingName)
        {
            if (!uri.IsAbsoluteUri)
            {
                throw new DsccSettingException(
                    $"The {what} '{uri}' must be absolute.", settingName, uri.OriginalString);
            }

            // User info would be sent in clear and shown in every message naming the URI; it may be a password.
            if (!string.IsNullOrEmpty(uri.UserInfo))
            {
                throw new DsccSettingException(
                    $"The {what} must not carry a user name or password (given for {DsccRedaction.ForDisplay(uri)}).",
                    settingName,
                    DsccRedaction.ForDisplay(uri));
            }

            // A query is sent with every token request and shown in Debug output; it may carry a secret too.
            if (HasQueryOrFragment(uri))
            {
                throw new DsccSettingException(
                    $"The {what} must not carry a query or fragment (given for {DsccRedaction.ForDisplay(uri)}).",
                    settingName,
                    DsccRedaction.ForDisplay(uri));
            }

            bool https = uri.Scheme == Uri.UriSchemeHttps;
            bool loopbackHttp = uri.Scheme == Uri.UriSchemeHttp && IsLoopback(uri);
            if (!https && !loopbackHttp)
            {
                throw new DsccSettingException(
                    $"The {what} '{uri.GetLeftPart(UriPartial.Authority)}' must use https; plain http is only " +
                    "accepted for a simulator on this machine (loopback).",
                    settingName,
                    DsccRedaction.ForDisplay(uri));
            }
        }

        private static bool HasQueryOrFragment(Uri uri) =>
            !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment);

        private static bool HasGivenToken(DsccConnectionSettings settings) =>
            settings.AccessToken != null && settings.AccessToken.Length > 0;

        private static bool IsLoopback(Uri uri)
        {
            if (uri.IsLoopback)
            {
                return true;
            }

            return IPAddress.TryParse(uri.Host.Trim('[', ']'), out IPAddress address) && IPAddress.IsLoopback(address);
        }
    }
}
