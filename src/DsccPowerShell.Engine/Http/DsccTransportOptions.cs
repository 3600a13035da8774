using System;
using System.Net;
using System.Net.Http;

namespace DsccPowerShell.Engine.Http
{
    /// <summary>How a session's HTTP connections are made: proxy, certificate checks and retries.</summary>
    public sealed class DsccTransportOptions
    {
        /// <summary>Gets or sets an explicit proxy; when null the system proxy (and HTTPS_PROXY) applies.</summary>
        public Uri Proxy { get; set; }

        /// <summary>Gets or sets the credentials for <see cref="Proxy"/>.</summary>
        public ICredentials ProxyCredentials { get; set; }

        /// <summary>Gets or sets whether to authenticate to the proxy as the current user.</summary>
        public bool ProxyUseDefaultCredentials { get; set; }

        /// <summary>
        /// Gets or sets whether to accept any server certificate. For lab arrays and test proxies only; it applies
        /// to this session alone and never to the process.
        /// </summary>
        public bool SkipCertificateCheck { get; set; }

        /// <summary>Gets or sets the retry settings.</summary>
        public DsccRetrySettings Retry { get; set; } = new DsccRetrySettings();

        /// <summary>Gets or sets a handler to use instead of a real one; tests only.</summary>
        internal Func<HttpMessageHandler> HandlerFactory { get; set; }
    }
}
