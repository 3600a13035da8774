using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Security;
using DsccPowerShell.Engine;
using DsccPowerShell.Engine.Http;
using DsccPowerShell.Engine.Sessions;
using DsccPowerShell.Tests.Fakes;
using Newtonsoft.Json.Linq;
using Xunit;

namespace DsccPowerShell.Tests
{
    /// <summary>
    /// Certificate checks, plain http and proxies (field lessons 18 and 19). The certificate and proxy tests run
    /// the engine's real HttpClientHandler against <see cref="LoopbackServer"/>, since <see cref="FakeDscc"/>
    /// replaces that handler.
    /// </summary>
    public sealed class TransportOptionsTests
    {
        private static DsccConnectionSettings RealSettings(LoopbackServer server, bool skipCertificateCheck) =>
            new DsccConnectionSettings
            {
                BaseUri = server.BaseUri,
                TokenUri = server.TokenUri,
                ClientId = TestSessions.ClientId,
                ClientSecret = TestSessions.ToSecureString(TestSessions.Secret),
                Timeout = TimeSpan.FromSeconds(10),
                Transport = new DsccTransportOptions
                {
                    SkipCertificateCheck = skipCertificateCheck,
                    Retry = new DsccRetrySettings { MaxAttempts = 1 },
                },
            };

#pragma warning disable SYSLIB0014 // ServicePointManager is obsolete, which is why nothing may set it.
        private static (RemoteCertificateValidationCallback Callback, SecurityProtocolType Protocols) ProcessWideTls()
            => (ServicePointManager.ServerCertificateValidationCallback, ServicePointManager.SecurityProtocol);
#pragma warning restore SYSLIB0014

        [Fact]
        public void ShouldSkipCertificateCheckForThisSessionOnlyWithoutTouchingProcessSettings()
        {
            // Arrange: an https server with a self-signed certificate.
            using var server = new LoopbackServer(tls: true);
            var before = ProcessWideTls();

            // Act 1: a session that skips the check connects and probes.
            string problem;
            bool skips;
            using (DsccSession skipping = DsccSession.Open(
                RealSettings(server, skipCertificateCheck: true), DsccCallContext.Silent))
            {
                problem = skipping.TestConnection(DsccCallContext.Silent);
                skips = skipping.SkipsCertificateCheck;
            }

            var after = ProcessWideTls();

            // Assert 1: it worked, and the process-wide callback and protocol set are untouched.
            Assert.Null(problem);
            Assert.True(skips);
            Assert.Equal(
                new[] { "POST /token HTTP/1.1", "GET /api/v1/storage-systems?limit=1 HTTP/1.1" },
                server.RequestLines);
            Assert.Same(before.Callback, after.Callback);
            Assert.Equal(before.Protocols, after.Protocols);

            // Act 2: a session that checks certificates, opened afterwards in the same process.
            var ex = Assert.Throws<DsccConnectionException>(
                () => DsccSession.Open(RealSettings(server, skipCertificateCheck: false), DsccCallContext.Silent));

            // Assert 2: the self-signed certificate is refused with an error that says so, and nothing was sent.
            Assert.Contains("certificate", ex.Message, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("127.0.0.1", ex.Message, StringComparison.Ordinal);
            Assert.Equal(server.TokenUri, ex.RequestUri);
            Assert.Equal(2, server.RequestLines.Count);
            Assert.Same(before.Callback, ProcessWideTls().Callback);
            Assert.Equal(before.Protocols, ProcessWideTls().Protocols);
        }

        [Fact]
        public void ShouldReportCertificateCheckOffByDefault()
        {
            // Arrange
            var fake = new FakeDscc();

            // Act
            using DsccSession session = TestSessions.Open(fake);

            // Assert
            Assert.False(session.SkipsCertificateCheck);
            Assert.Single(fake.TokenRequests);
        }

        [Fact]
        public void ShouldConnectOverPlainHttpToLoopbackWithRealHandler()
        {
            // Arrange
            using var server = new LoopbackServer(tls: false);

            // Act
            using DsccSession session = DsccSession.Open(
                RealSettings(server, skipCertificateCheck: false), DsccCallContext.Silent);
            string problem = session.TestConnection(DsccCallContext.Silent);

            // Assert
            Assert.Null(problem);
            Assert.Equal("http", session.BaseUri.Scheme);
            Assert.Equal(
                new[] { "POST /token HTTP/1.1", "GET /api/v1/storage-systems?limit=1 HTTP/1.1" },
                server.RequestLines);
        }

        [Theory]
        [InlineData("http://dscc.mock.test", null)]
        [InlineData("http://10.0.0.1:8080", null)]
        [InlineData("http://localhost.example.com", null)]
        [InlineData("http://127.0.0.1.nip.io", null)]
        [InlineData("https://dscc.mock.test", "http://sso.mock.test/as/token.oauth2")]
        public void ShouldRefusePlainHttpToNonLoopbackHost(string baseUri, string tokenUri)
        {
            // Arrange
            var fake = new FakeDscc();
            var settings = new DsccConnectionSettings
            {
                BaseUri = new Uri(baseUri),
                TokenUri = tokenUri == null ? FakeDscc.TokenUri : new Uri(tokenUri),
                ClientId = TestSessions.ClientId,
                ClientSecret = TestSessions.ToSecureString(TestSessions.Secret),
            };

            // Act
            var ex = Assert.Throws<DsccSettingException>(() => TestSessions.Open(settings, fake));

            // Assert: refused before anything, the secret above all, was sent; the setting at fault is named.
            Assert.Empty(fake.Requests);
            Assert.Contains("https", ex.Message, StringComparison.Ordinal);
            Assert.Equal(tokenUri == null ? "BaseUri" : "TokenUri", ex.SettingName);
            Assert.DoesNotContain("(Parameter", ex.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(TestSessions.Secret, ex.ToString(), StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("http://127.0.0.1:8080")]
        [InlineData("http://[::1]:8080")]
        [InlineData("http://localhost:8080")]
        public void ShouldAcceptPlainHttpOnLoopback(string baseUri)
        {
            // Arrange: the simulator on this machine; the token endpoint stays the fake https one.
            var uri = new Uri(baseUri);
            var fake = new FakeDscc();
            fake.Route(
                HttpMethod.Get,
                "/api/v1/storage-systems",
                _ => FakeAnswer.Ok(new JObject { ["items"] = new JArray(), ["total"] = 0 }),
                uri.Host);
            var settings = new DsccConnectionSettings
            {
                BaseUri = uri,
                TokenUri = FakeDscc.TokenUri,
                ClientId = TestSessions.ClientId,
                ClientSecret = TestSessions.ToSecureString(TestSessions.Secret),
            };

            // Act
            using DsccSession session = TestSessions.Open(settings, fake);
            string problem = session.TestConnection(DsccCallContext.Silent);

            // Assert
            Assert.Null(problem);
            RecordedRequest probe = Assert.Single(fake.Requests, r => !r.IsTokenRequest);
            Assert.Equal(new Uri(uri, "/api/v1/storage-systems?limit=1"), probe.Uri);
            Assert.Equal("Bearer tok-1", probe.Authorization);
            Assert.Empty(fake.Unrouted);
        }

        /// <summary>
        /// Settings whose only route to DSCC is the loopback proxy: the base URI's port has no server behind it.
        /// </summary>
        private static DsccConnectionSettings ProxiedSettings(LoopbackServer proxy, NetworkCredential credentials)
        {
            var unreachable = new Uri("http://127.0.0.1:9/");
            return new DsccConnectionSettings
            {
                BaseUri = unreachable,
                TokenUri = new Uri(unreachable, "/token"),
                ClientId = TestSessions.ClientId,
                ClientSecret = TestSessions.ToSecureString(TestSessions.Secret),
                Timeout = TimeSpan.FromSeconds(10),
                Transport = new DsccTransportOptions
                {
                    Proxy = proxy.BaseUri,
                    ProxyCredentials = credentials,
                    Retry = new DsccRetrySettings { MaxAttempts = 1 },
                },
            };
        }

        [Fact]
        public void ShouldSendTokenAndApiRequestsThroughTheSessionProxyWithItsCredentials()
        {
            // Arrange
            var credentials = new NetworkCredential("proxy-user", "proxy-pw");
            using LoopbackServer proxy = LoopbackServer.Proxy(credentials);

            // Act
            string problem;
            using (DsccSession session = DsccSession.Open(ProxiedSettings(proxy, credentials), DsccCallContext.Silent))
            {
                problem = session.TestConnection(DsccCallContext.Silent);
            }

            // Assert: both calls went to the proxy, in proxy form, and were answered once it had the credentials.
            Assert.Null(problem);
            Assert.Contains("POST http://127.0.0.1:9/token HTTP/1.1", proxy.RequestLines);
            Assert.Contains("GET http://127.0.0.1:9/api/v1/storage-systems?limit=1 HTTP/1.1", proxy.RequestLines);
            Assert.All(
                proxy.RequestLines,
                line => Assert.Contains(" http://127.0.0.1:9/", line, StringComparison.Ordinal));
        }

        [Fact]
        public void ShouldReportAProxyThatWantsCredentialsAsAProxyProblem()
        {
            // Arrange: the proxy demands credentials the session does not have.
            using LoopbackServer proxy = LoopbackServer.Proxy(new NetworkCredential("proxy-user", "proxy-pw"));

            // Act
            var ex = Assert.ThrowsAny<DsccApiException>(
                () => DsccSession.Open(ProxiedSettings(proxy, credentials: null), DsccCallContext.Silent));

            // Assert: a 407 that names the proxy options, never a complaint about the API client's secret.
            Assert.Equal(HttpStatusCode.ProxyAuthenticationRequired, ex.StatusCode);
            Assert.IsNotType<DsccAuthenticationException>(ex);
            Assert.Contains("-ProxyCredential", ex.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("client id and secret", ex.Message, StringComparison.Ordinal);
            Assert.Equal("POST http://127.0.0.1:9/token HTTP/1.1", Assert.Single(proxy.RequestLines));
        }

        [Fact]
        public void ShouldNameTheProxyWhenItCannotBeReached()
        {
            // Arrange: a proxy port with nothing behind it.
            int closedPort;
            using (var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0))
            {
                probe.Start();
                closedPort = ((IPEndPoint)probe.LocalEndpoint).Port;
                probe.Stop();
            }

            using LoopbackServer unused = LoopbackServer.Proxy(new NetworkCredential("u", "p"));
            DsccConnectionSettings settings = ProxiedSettings(unused, credentials: null);
            settings.Transport.Proxy = new Uri("http://127.0.0.1:" + closedPort);

            // Act
            var ex = Assert.Throws<DsccConnectionException>(() => DsccSession.Open(settings, DsccCallContext.Silent));

            // Assert
            Assert.Contains("through the proxy http://127.0.0.1:" + closedPort, ex.Message, StringComparison.Ordinal);
            Assert.Empty(unused.RequestLines);
        }
    }
}
