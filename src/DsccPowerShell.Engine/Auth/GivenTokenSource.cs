using System;
using System.Globalization;
using System.Net;
using System.Net.Http;
using DsccPowerShell.Engine.Http;

namespace DsccPowerShell.Engine.Auth
{
    /// <summary>
    /// A token obtained elsewhere and handed to Connect-Dscc. There is no secret to get another one with, so when
    /// it expires or DSCC refuses it the session says so and asks for a new connection.
    /// </summary>
    internal sealed class GivenTokenSource : ITokenSource
    {
        private readonly AccessToken _token;
        private readonly Uri _baseUri;
        private readonly Func<DateTimeOffset> _utcNow;

        public GivenTokenSource(string token, Uri baseUri, Func<DateTimeOffset> utcNow)
        {
            DateTimeOffset expiresOn = JwtExpiry.Read(token) ?? DateTimeOffset.MaxValue;
            _token = new AccessToken(token, expiresOn, renewAfter: expiresOn);
            _baseUri = baseUri;
            _utcNow = utcNow;
        }

        public DateTimeOffset? ExpiresOn => _token.ExpiresOn;

        public long TokensIssued => 0;

        public bool CanRenew => false;

        public AccessToken GetToken(DsccCallContext context)
        {
            if (_utcNow() >= _token.ExpiresOn)
            {
                throw CannotRenew(string.Format(
                    CultureInfo.CurrentCulture,
                    "expired at {0:u}",
                    _token.ExpiresOn.UtcDateTime));
            }

            return _token;
        }

        /// <summary>What to do once a given token is no longer accepted: the session cannot get another.</summary>
        internal const string NoRenewalAdvice =
            "A session opened with -AccessToken cannot renew its token: run Connect-Dscc again with a new token, " +
            "or with the API client's id and secret.";

        public AccessToken Renew(DsccCallContext context, AccessToken rejected) =>
            throw CannotRenew("was refused by DSCC (it may have expired or been replaced by a newer token)");

        private DsccAuthenticationException CannotRenew(string what)
        {
            string message = string.Format(
                CultureInfo.CurrentCulture,
                "The access token given to Connect-Dscc for {0} {1}. {2}",
                _baseUri.Host,
                what,
                NoRenewalAdvice);
            return new DsccAuthenticationException(
                message,
                HttpMethod.Get,
                _baseUri,
                HttpStatusCode.Unauthorized,
                "access token expired or refused",
                errorCode: null,
                traceId: null);
        }
    }
}
