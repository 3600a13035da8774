using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using DsccPowerShell.Engine;
using DsccPowerShell.Engine.Http;
using DsccPowerShell.Engine.Sessions;
using DsccPowerShell.Tests.Fakes;
using Newtonsoft.Json.Linq;
using Xunit;

namespace DsccPowerShell.Tests
{
    /// <summary>
    /// Sessions opened with a token obtained elsewhere (Connect-Dscc -AccessToken): no secret, no renewal.
    /// </summary>
    public sealed class AccessTokenSessionTests
    {
        private const string ListPath = "/api/v1/volumes";
        private const string GivenToken = "given-tok-5d1e-recognisable";

        private static FakeDscc FakeWithList()
        {
            var fake = new FakeDscc();
            fake.Route(
                HttpMethod.Get,
                ListPath,
                FakeAnswer.Ok(new JObject { ["items"] = new JArray(), ["total"] = 0 }));
            return fake;
        }

        /// <summary>An unsigned JWT whose payload holds exp; the engine reads it without validating.</summary>
        private static string Jwt(DateTimeOffset expires)
        {
            static string Part(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json))
                .TrimEnd('=').Replace('+', '-').Replace('/', '_');

            return Part("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." +
                Part("{\"sub\":\"given\",\"exp\":" + expires.ToUnixTimeSeconds() + "}") + ".sig";
        }

        [Fact]
        public void ShouldSendGivenTokenAsBearerAndNeverRequestOne()
        {
            // Arrange
            FakeDscc fake = FakeWithList();

            // Act
            using DsccSession session = TestSessions.Open(TestSessions.AccessTokenSettings(GivenToken), fake);
            JToken first = session.Api.Send(HttpMethod.Get, ListPath, null, DsccCallContext.Silent);
            JToken second = session.Api.Send(HttpMethod.Get, ListPath, null, DsccCallContext.Silent);

            // Assert: what was sent.
            Assert.Empty(fake.TokenRequests);
            Assert.Equal(2, fake.ApiRequests.Count);
            Assert.All(fake.ApiRequests, r => Assert.Equal("Bearer " + GivenToken, r.Authorization));

            // Assert: what came back, and what the session says about itself.
            Assert.Equal(0, (int)first["total"]);
            Assert.Equal(0, (int)second["total"]);
            Assert.False(session.CanRenewToken);
            Assert.Null(session.ClientId);
            Assert.Null(session.TokenUri);
            Assert.Equal(0, session.TokenCount);
            Assert.Null(session.TokenExpiresOn);
            Assert.Equal(FakeDscc.BaseUri, session.BaseUri);
            Assert.DoesNotContain(GivenToken, session.ToString(), StringComparison.Ordinal);
        }

        [Fact]
        public void ShouldRefuseJwtPastItsExpirySayingItCannotRenew()
        {
            // Arrange: a JWT valid for one hour on the fake clock.
            FakeDscc fake = FakeWithList();
            var clock = new FakeClock();
            DateTimeOffset expires = clock.UtcNow.AddHours(1);
            string jwt = Jwt(expires);
            using DsccSession session = TestSessions.Open(TestSessions.AccessTokenSettings(jwt), fake, clock);
            session.Api.Send(HttpMethod.Get, ListPath, null, DsccCallContext.Silent);
            clock.Advance(TimeSpan.FromHours(1).Add(TimeSpan.FromSeconds(1)));

            // Act
            var ex = Assert.Throws<DsccAuthenticationException>(
                () => session.Api.Send(HttpMethod.Get, ListPath, null, DsccCallContext.Silent));

            // Assert: no request with the dead token, no token request, and a message that says what to do.
            Assert.Single(fake.ApiRequests);
            Assert.Empty(fake.TokenRequests);
            Assert.Contains("cannot renew", ex.Message, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("expired", ex.Message, StringComparison.OrdinalIgnoreCase);
            Assert.Contains(FakeDscc.BaseUri.Host, ex.Message, StringComparison.Ordinal);
            Assert.Equal(new Uri(FakeDscc.BaseUri, ListPath), ex.RequestUri);
            Assert.DoesNotContain(jwt, ex.ToString(), StringComparison.Ordinal);
            Assert.Equal(expires.ToUnixTimeSeconds(), session.TokenExpiresOn.Value.ToUnixTimeSeconds());
            Assert.False(session.CanRenewToken);
        }

        [Fact]
        public void ShouldRefuseToOpenWithExpiredJwt()
        {
            // Arrange
            FakeDscc fake = FakeWithList();
            var clock = new FakeClock();
            string jwt = Jwt(clock.UtcNow.AddMinutes(-5));

            // Act
            var ex = Assert.Throws<DsccAuthenticationException>(
                () => TestSessions.Open(TestSessions.AccessTokenSettings(jwt), fake, clock));

            // Assert
            Assert.Empty(fake.Requests);
            Assert.Contains("cannot renew", ex.Message, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(jwt, ex.ToString(), StringComparison.Ordinal);
        }

        [Fact]
        public void ShouldFailWithoutTokenRequestWhenDsccRefusesGivenToken()
        {
            // Arrange: retries on, to show a 401 is neither retried nor renewed.
            var fake = new FakeDscc();
            fake.Route(
                HttpMethod.Get,
                ListPath,
                FakeAnswer.DsccError(HttpStatusCode.Unauthorized, "Unauthorized", "401", "t-1"));
            var log = new CallLog();
            using DsccSession session = TestSessions.Open(
                TestSessions.AccessTokenSettings(GivenToken, Retries.Tiny(maxAttempts: 4)), fake);

            // Act
            var ex = Assert.Throws<DsccAuthenticationException>(
                () => session.Api.Send(HttpMethod.Get, ListPath, null, log.Context()));

            // Assert
            RecordedRequest sent = Assert.Single(fake.ApiRequests);
            Assert.Equal("Bearer " + GivenToken, sent.Authorization);
            Assert.Empty(fake.TokenRequests);
            Assert.Contains("cannot renew", ex.Message, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("DSCC at " + FakeDscc.BaseUri.Host + " refused", ex.Message, StringComparison.Ordinal);
            Assert.Equal(new Uri(FakeDscc.BaseUri, ListPath), ex.RequestUri);
            Assert.Equal(HttpMethod.Get, ex.Method);
            Assert.DoesNotContain(log.Verbose, l => l.Contains("renewing", StringComparison.OrdinalIgnoreCase));
            Assert.Equal(HttpStatusCode.Unauthorized, ex.StatusCode);
            Assert.DoesNotContain(GivenToken, ex.ToString(), StringComparison.Ordinal);
            Assert.All(log.All, l => Assert.DoesNotContain(GivenToken, l, StringComparison.Ordinal));
            Assert.Equal(1, session.Statistics.Unauthorized);
        }

        [Fact]
        public void ShouldPreferGivenTokenOverClientCredentials()
        {
            // Arrange: both a token and a client id and secret; the token wins and no secret is ever sent.
            FakeDscc fake = FakeWithList();
            DsccConnectionSettings settings = TestSessions.AccessTokenSettings(GivenToken);
            settings.ClientId = TestSessions.ClientId;
            settings.ClientSecret = TestSessions.ToSecureString(TestSessions.Secret);
            settings.TokenUri = FakeDscc.TokenUri;

            // Act
            using DsccSession session = TestSessions.Open(settings, fake);
            JToken result = session.Api.Send(HttpMethod.Get, ListPath, null, DsccCallContext.Silent);

            // Assert
            Assert.Equal(0, (int)result["total"]);
            Assert.Empty(fake.TokenRequests);
            Assert.Equal("Bearer " + GivenToken, fake.ApiRequests.Single().Authorization);
            Assert.False(session.CanRenewToken);
            Assert.Null(session.ClientId);
            Assert.Null(session.TokenUri);
        }
    }
}
