using System;
using System.Security;
using DsccPowerShell.Engine.Http;

namespace DsccPowerShell.Engine.Sessions
{
    /// <summary>What a new session needs: where DSCC is, where its token service is, and whose credentials.</summary>
    public sealed class DsccConnectionSettings
    {
        /// <summary>Gets or sets the region (us1, eu1, jp1), or null when <see cref="BaseUri"/> is given.</summary>
        public string Region { get; set; }

        /// <summary>Gets or sets the API base URI; taken from <see cref="Region"/> when null.</summary>
        public Uri BaseUri { get; set; }

        /// <summary>Gets or sets the token endpoint; HPE's SSO service when null.</summary>
        public Uri TokenUri { get; set; }

        /// <summary>Gets or sets the API client id.</summary>
        public string ClientId { get; set; }

        /// <summary>Gets or sets the API client secret.</summary>
        public SecureString ClientSecret { get; set; }

        /// <summary>
        /// Gets or sets a bearer token obtained elsewhere, used instead of a client id and secret. Such a session
        /// cannot renew its token.
        /// </summary>
        public SecureString AccessToken { get; set; }

        /// <summary>Gets or sets proxy, certificate and retry settings.</summary>
        public DsccTransportOptions Transport { get; set; } = new DsccTransportOptions();

        /// <summary>Gets or sets the time limit of each request.</summary>
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(300);
    }
}
