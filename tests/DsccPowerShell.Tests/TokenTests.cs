using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using DsccPowerShell.Engine;
using DsccPowerShell.Engine.Http;
using DsccPowerShell.Engine.Sessions;
using DsccPowerShell.Engine.Storage;
using DsccPowerShell.Tests.Fakes;
using Newtonsoft.Json.Linq;
using Xunit;

namespace DsccPowerShell.Tests
{
    /// <summary>Token request form, token lifetime and renewal, and the 401 renew-once rule.</summary>
    public sealed class TokenTests
    {
        private const string VolumePath = "/api/v1/volumes/vol-1";

        private static FakeDscc FakeWithVolume()
        {
            var fake = new FakeDscc();
            fake.Route(HttpMethod.Get, VolumePath, FakeAnswer.Ok(new JObject { ["id"] = "vol-1", ["name"] = "v1" }));
            return fake;
        }

        [Fact]
        public void ShouldPostClientCredentialsFormWithExactSecret()
        {
            // Arrange
            FakeDscc fake = FakeWithVolume();

            // Act
            using DsccSession session = TestSessions.Open(fake);
            var volume = DsccVolumes.Get(session, "vol-1", DsccCallContext.Silent);

            // Assert: exactly one token request, a form, with the secret intact.
            RecordedRequest token = Assert.Single(fake.TokenRequests);
            Assert.Equal(HttpMethod.Post, token.Method);
            Assert.Equal(FakeDscc.TokenUri, token.Uri);
            Assert.StartsWith("application/x-www-form-urlencoded", token.ContentType, StringComparison.Ordinal);
            Assert.Null(token.Authorization);
            var form = FakeDscc.ParseForm(token.Body);
            Assert.Equal(new[] { "client_credentials" }, form.Where(p => p.Key == "grant_type").Select(p => p.Value));
            Assert.Equal(new[] { TestSessions.ClientId }, form.Where(p => p.Key == "client_id").Select(p => p.Value));
            Assert.Equal(new[] { TestSessions.Secret }, form.Where(p => p.Key == "client_secret").Select(p => p.Value));
            Assert.Equal(3, form.Count);

            // Assert: the raw body escapes '&', '=', '%' and '+' (a literal '+' would decode as a space).
            string rawSecret = token.Body.Split('&')
                .Single(p => p.StartsWith("client_secret=", StringComparison.Ordinal))
                .Substring("client_secret=".Length);
            Assert.DoesNotContain("=", rawSecret, StringComparison.Ordinal);
            Assert.DoesNotContain(" ", rawSecret, StringComparison.Ordinal);
            Assert.Contains("%2B", rawSecret, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("%26", rawSecret, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("%25", rawSecret, StringComparison.OrdinalIgnoreCase);

            // Assert: the API call carried the issued token and what came back is the volume.
            RecordedRequest api = Assert.Single(fake.ApiRequests);
            Assert.Equal("Bearer tok-1", api.Authorization);
            Assert.Equal("vol-1", volume.Properties["id"].Value);
            Assert.Equal(1, session.TokenCount);
            Assert.Empty(fake.Unrouted);
        }

        [Fact]
        public void ShouldRequestOneTokenForThreeSequentialCalls()
        {
            // Arrange
            FakeDscc fake = FakeWithVolume();
            var clock = new FakeClock();
            using DsccSession session = TestSessions.Open(fake, clock);

            // Act
            for (int i = 0; i < 3; i++)
            {
                clock.Advance(TimeSpan.FromMinutes(10));
                DsccVolumes.Get(session, "vol-1", DsccCallContext.Silent);
            }

            // Assert
            Assert.Single(fake.TokenRequests);
            Assert.Equal(3, fake.ApiRequests.Count);
            Assert.All(fake.ApiRequests, r => Assert.Equal("Bearer tok-1", r.Authorization));
            Assert.Equal(1, session.TokenCount);
        }

        /// <summary>
        /// renewAfterSeconds: when the session must stop using the first token (expiry minus a margin of at most
        /// 60 s), or null when the token service gave no lifetime and the session keeps the token until a 401.
        /// </summary>
        [Theory]
        [InlineData("expires_in 900", 900, null, 840)]
        [InlineData("expires_in 7200", 7200, null, 7140)]
        [InlineData("JWT exp only", null, 3600, 3540)]
        [InlineData("no lifetime", null, null, null)]
        public void ShouldRenewTokenWhenNearExpiry(
            string reason,
            int? expiresIn,
            int? jwtLifetime,
            int? renewAfterSeconds)
        {
            // Arrange
            FakeDscc fake = FakeWithVolume();
            var clock = new FakeClock();
            DateTimeOffset start = clock.UtcNow;
            fake.TokenBody = n =>
            {
                string value = jwtLifetime == null
                    ? "tok-" + n
                    : Jwt(start.AddSeconds(jwtLifetime.Value + ((n - 1) * 100000)), "tok-" + n);
                var body = new JObject { ["access_token"] = value, ["token_type"] = "Bearer" };
                if (expiresIn != null)
                {
                    body["expires_in"] = expiresIn.Value;
                }

                return body;
            };
            using DsccSession session = TestSessions.Open(fake, clock);
            string firstToken = fake.IssuedTokens.Single();

            if (renewAfterSeconds == null)
            {
                // Act: a month later the session still uses its only token.
                clock.Advance(TimeSpan.FromDays(30));
                DsccVolumes.Get(session, "vol-1", DsccCallContext.Silent);

                // Assert
                Assert.True(fake.TokenRequests.Count == 1, reason);
                Assert.Equal("Bearer " + firstToken, fake.ApiRequests.Single().Authorization);
                Assert.Null(session.TokenExpiresOn);
                return;
            }

            // Act 1: one second before the renewal time the token is reused.
            clock.UtcNow = start.AddSeconds(renewAfterSeconds.Value - 1);
            DsccVolumes.Get(session, "vol-1", DsccCallContext.Silent);

            // Assert 1
            Assert.True(fake.TokenRequests.Count == 1, reason + ": renewed too early");
            Assert.Equal("Bearer " + firstToken, fake.ApiRequests.Last().Authorization);

            // Act 2: one second after it, the next call renews once and carries the new token.
            clock.UtcNow = start.AddSeconds(renewAfterSeconds.Value + 1);
            DsccVolumes.Get(session, "vol-1", DsccCallContext.Silent);
            DsccVolumes.Get(session, "vol-1", DsccCallContext.Silent);

            // Assert 2
            Assert.True(fake.TokenRequests.Count == 2, reason + ": expected exactly one renewal");
            string secondToken = fake.IssuedTokens.Last();
            Assert.NotEqual(firstToken, secondToken);
            Assert.Equal("Bearer " + secondToken, fake.ApiRequests[1].Authorization);
            Assert.Equal("Bearer " + secondToken, fake.ApiRequests[2].Authorization);
            Assert.Equal(2, session.TokenCount);
            Assert.True(session.TokenExpiresOn > clock.UtcNow, reason + ": new expiry must lie ahead");
        }

        [Fact]
        public void ShouldHonourFractionalExpiresInUnderGermanCulture()
        {
            // Arrange: a token service that states its lifetime as a JSON float, on a machine whose decimal
            // separator is a comma (field lessons 3 and 15).
            FakeDscc fake = FakeWithVolume();
            var clock = new FakeClock();
            DateTimeOffset start = clock.UtcNow;
            fake.TokenBody = n => JObject.Parse("{\"access_token\":\"tok-" + n + "\",\"expires_in\":900.5}");
            using var culture = new CultureScope("de-DE");
            using DsccSession session = TestSessions.Open(fake, clock);
            DateTimeOffset? firstExpiry = session.TokenExpiresOn;

            // Act
            clock.UtcNow = start.AddSeconds(899);
            DsccVolumes.Get(session, "vol-1", DsccCallContext.Silent);

            // Assert: the lifetime was read as 900.5 s, so a call just before expiry uses a fresh token.
            Assert.Equal(start.AddSeconds(900.5), firstExpiry);
            Assert.Equal(start.AddSeconds(899 + 900.5), session.TokenExpiresOn);
            Assert.Equal(2, fake.TokenRequests.Count);
            Assert.Equal("Bearer tok-2", fake.ApiRequests.Single().Authorization);
        }

        [Fact]
        public void ShouldRenewOnceAndRepeatOnceOn401()
        {
            // Arrange
            var fake = new FakeDscc();
            fake.Sequence(
                HttpMethod.Get,
                VolumePath,
                FakeAnswer.DsccError(HttpStatusCode.Unauthorized, "Unauthorized", "401", "t-1"),
                FakeAnswer.Ok(new JObject { ["id"] = "vol-1" }));
            using DsccSession session = TestSessions.Open(fake);

            // Act
            var volume = DsccVolumes.Get(session, "vol-1", DsccCallContext.Silent);

            // Assert
            Assert.Equal("vol-1", volume.Properties["id"].Value);
            Assert.Equal(2, fake.TokenRequests.Count);
            Assert.Equal(2, fake.ApiRequests.Count);
            Assert.Equal("Bearer tok-1", fake.ApiRequests[0].Authorization);
            Assert.Equal("Bearer tok-2", fake.ApiRequests[1].Authorization);
            Assert.Equal(fake.ApiRequests[0].Uri, fake.ApiRequests[1].Uri);
            Assert.True(
                fake.ApiRequests[0].Sequence < fake.TokenRequests[1].Sequence &&
                fake.TokenRequests[1].Sequence < fake.ApiRequests[1].Sequence,
                "the renewal must come between the rejected request and its repetition");
        }

        [Fact]
        public void ShouldThrowAuthenticationErrorNamingHostWhenRenewedTokenIsRejected()
        {
            // Arrange
            var fake = new FakeDscc();
            fake.Route(
                HttpMethod.Get,
                VolumePath,
                FakeAnswer.DsccError(HttpStatusCode.Unauthorized, "Unauthorized", "401", "t-2"));
            using DsccSession session = TestSessions.Open(fake);

            // Act
            var ex = Assert.Throws<DsccAuthenticationException>(
                () => DsccVolumes.Get(session, "vol-1", DsccCallContext.Silent));

            // Assert: one renewal, one repetition, then an error that says which host refused.
            Assert.Contains("dscc.mock.test", ex.Message, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Unauthorized, ex.StatusCode);
            Assert.Equal("t-2", ex.TraceId);
            Assert.Equal(2, fake.ApiRequests.Count);
            Assert.Equal(2, fake.TokenRequests.Count);
            Assert.DoesNotContain("tok-1", ex.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain("tok-2", ex.ToString(), StringComparison.Ordinal);
        }

        [Fact]
        public void ShouldNotRenewTokenOn403()
        {
            // Arrange
            var fake = new FakeDscc();
            fake.Route(
                HttpMethod.Get,
                VolumePath,
                FakeAnswer.DsccError(HttpStatusCode.Forbidden, "Forbidden", "403", "t-3"));
            using DsccSession session = TestSessions.Open(fake);

            // Act
            var ex = Assert.Throws<DsccApiException>(() => DsccVolumes.Get(session, "vol-1", DsccCallContext.Silent));

            // Assert
            Assert.IsNotType<DsccAuthenticationException>(ex);
            Assert.Equal(HttpStatusCode.Forbidden, ex.StatusCode);
            Assert.Single(fake.ApiRequests);
            Assert.Single(fake.TokenRequests);
            Assert.Equal(1, session.TokenCount);
        }

        [Fact]
        public async Task ShouldRenewOnceWhenConcurrentRequestsAreRejected()
        {
            // Arrange: session B's token invalidates session A's, as DSCC does for one API client (lesson 2).
            FakeDscc fake = FakeWithVolume();
            fake.OnlyLatestTokenIsValid = true;
            using DsccSession sessionA = TestSessions.Open(fake);
            using DsccSession sessionB = TestSessions.Open(fake);
            Assert.Equal(new[] { "tok-1", "tok-2" }, fake.IssuedTokens);

            // Act: eight calls in session A at once, all holding the dead tok-1.
            var calls = Enumerable.Range(0, 8)
                .Select(_ => Task.Run(() => DsccVolumes.Get(sessionA, "vol-1", DsccCallContext.Silent)))
                .ToArray();
            var volumes = await Task.WhenAll(calls);

            // Assert: one renewal served them all; every rejected request was repeated once.
            Assert.All(volumes, v => Assert.Equal("vol-1", v.Properties["id"].Value));
            Assert.Equal(3, fake.TokenRequests.Count);
            Assert.Equal(2, sessionA.TokenCount);
            var apiRequests = fake.ApiRequests;
            int rejected = apiRequests.Count(r => r.BearerToken == "tok-1");
            Assert.Equal(8 + rejected, apiRequests.Count);
            Assert.Equal(8, apiRequests.Count(r => r.BearerToken == "tok-3"));
        }

        [Fact]
        public void ShouldSendARetryWithATokenThatOutlivedNoRetryWait()
        {
            // Arrange: the first attempt is refused with 503, and its token expires while the engine waits.
            var clock = new FakeClock();
            var fake = new FakeDscc();
            int attempts = 0;
            fake.Route(HttpMethod.Get, VolumePath, request =>
            {
                if (Interlocked.Increment(ref attempts) > 1)
                {
                    return FakeAnswer.Ok(new JObject { ["id"] = "vol-1", ["name"] = "v1" });
                }

                clock.UtcNow = clock.UtcNow.AddHours(2);
                return FakeAnswer.DsccError(HttpStatusCode.ServiceUnavailable, "busy", "503", "t-1")
                    .WithHeader("Retry-After", "0");
            });
            using DsccSession session = TestSessions.Open(fake, clock, retry: Retries.Tiny(maxAttempts: 3));

            // Act
            var volume = DsccVolumes.Get(session, "vol-1", DsccCallContext.Silent);

            // Assert: what came back is the second answer.
            Assert.Equal("v1", volume.Properties["name"].Value);

            // Assert: the retry went out with a renewed token, taken before sending it rather than after a 401.
            Assert.Equal(new[] { "Bearer tok-1", "Bearer tok-2" }, fake.ApiRequests.Select(r => r.Authorization));
            Assert.Equal(2, fake.TokenRequests.Count);
            Assert.Equal(0, session.Statistics.Unauthorized);
        }

        [Fact]
        public void ShouldNotRepeatARequestWhoseTokenCouldNotBeRenewed()
        {
            // Arrange: the token expires during a retry wait, and by then the token service is unreachable.
            var clock = new FakeClock();
            var fake = new FakeDscc();
            int tokenRequests = 0;
            fake.Route(
                HttpMethod.Post,
                FakeDscc.TokenUri.AbsolutePath,
                request => Interlocked.Increment(ref tokenRequests) == 1
                    ? FakeAnswer.Ok(new JObject
                    {
                        ["access_token"] = "tok-1",
                        ["token_type"] = "Bearer",
                        ["expires_in"] = 7200,
                    })
                    : FakeAnswer.Drop(),
                FakeDscc.TokenUri.Host);
            fake.Route(HttpMethod.Get, VolumePath, request =>
            {
                clock.UtcNow = clock.UtcNow.AddHours(2);
                return FakeAnswer.DsccError(HttpStatusCode.ServiceUnavailable, "busy", "503", "t-1")
                    .WithHeader("Retry-After", "0");
            });
            using DsccSession session = TestSessions.Open(fake, clock, retry: Retries.Tiny(maxAttempts: 3));

            // Act
            var ex = Assert.Throws<DsccConnectionException>(
                () => DsccVolumes.Get(session, "vol-1", DsccCallContext.Silent));

            // Assert: the token service's failure is reported, after its own three attempts and no more: the
            // API request that needed the token is not tried again, which would start three more.
            Assert.Equal(FakeDscc.TokenUri.Host, ex.RequestUri.Host);
            Assert.Single(fake.ApiRequests);
            Assert.Equal(1 + 3, fake.TokenRequests.Count);
            Assert.Equal(1, session.Statistics.Requests - fake.TokenRequests.Count);
        }

        /// <summary>Builds an unsigned JWT whose payload holds exp; the engine reads it without validating.</summary>
        private static string Jwt(DateTimeOffset expires, string subject)
        {
            static string Part(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json))
                .TrimEnd('=').Replace('+', '-').Replace('/', '_');

            return Part("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." +
                Part("{\"sub\":\"" + subject + "\",\"exp\":" + expires.ToUnixTimeSeconds() + "}") + ".sig";
        }
    }
}
