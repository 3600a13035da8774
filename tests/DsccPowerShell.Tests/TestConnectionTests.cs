using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using DsccPowerShell.Engine;
using DsccPowerShell.Engine.Http;
using DsccPowerShell.Engine.Sessions;
using DsccPowerShell.Tests.Fakes;
using Newtonsoft.Json.Linq;
using Xunit;

namespace DsccPowerShell.Tests
{
    /// <summary>
    /// The connection probe: empty is success, forbidden is "connected, lacks a permission" (field lesson 5).
    /// </summary>
    public sealed class TestConnectionTests
    {
        private const string ProbePath = "/api/v1/storage-systems";

        private static void AssertIsProbe(RecordedRequest request, string bearer)
        {
            Assert.Equal(HttpMethod.Get, request.Method);
            Assert.Equal(ProbePath, request.Path);
            Assert.Equal("?limit=1", request.Uri.Query);
            Assert.Equal("Bearer " + bearer, request.Authorization);
            Assert.Null(request.Body);
        }

        [Fact]
        public void ShouldSucceedWhenProbeReturnsEmptyList()
        {
            // Arrange: a new tenant with no arrays at all.
            var fake = new FakeDscc();
            fake.Route(
                HttpMethod.Get,
                ProbePath,
                FakeAnswer.Ok(new JObject
                {
                    ["items"] = new JArray(),
                    ["total"] = 0,
                    ["pageLimit"] = 1,
                    ["pageOffset"] = 0,
                }));
            using DsccSession session = TestSessions.Open(fake);

            // Act
            string problem = session.TestConnection(DsccCallContext.Silent);

            // Assert
            Assert.Null(problem);
            AssertIsProbe(Assert.Single(fake.ApiRequests), "tok-1");
            Assert.Single(fake.TokenRequests);
        }

        [Fact]
        public void ShouldReturnDsccErrorTextOn403WithoutRenewing()
        {
            // Arrange: a least-privilege client that may not read storage systems.
            var fake = new FakeDscc();
            fake.Route(
                HttpMethod.Get,
                ProbePath,
                FakeAnswer.DsccError(
                    HttpStatusCode.Forbidden,
                    "Forbidden: missing permission data-services.storage-system.read",
                    "403",
                    "t-2"));
            using DsccSession session = TestSessions.Open(fake, retry: Retries.Tiny(maxAttempts: 3));

            // Act
            string problem = session.TestConnection(DsccCallContext.Silent);

            // Assert: DSCC's own words come back; nothing about DNS or ports; no renewal, no retry.
            Assert.Equal("Forbidden: missing permission data-services.storage-system.read", problem);
            Assert.DoesNotContain("DNS", problem, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("port", problem, StringComparison.OrdinalIgnoreCase);
            AssertIsProbe(Assert.Single(fake.ApiRequests), "tok-1");
            Assert.Single(fake.TokenRequests);
            Assert.Equal(1, session.TokenCount);
            Assert.Equal(0, session.Statistics.Unauthorized);
        }

        [Fact]
        public void ShouldThrowAuthenticationErrorNamingHostWhen401Persists()
        {
            // Arrange: a client of another workspace or region: every token is refused.
            var fake = new FakeDscc();
            fake.Route(
                HttpMethod.Get,
                ProbePath,
                FakeAnswer.DsccError(HttpStatusCode.Unauthorized, "Unauthorized", "401", "t-3"));
            using DsccSession session = TestSessions.Open(fake);

            // Act
            var ex = Assert.Throws<DsccAuthenticationException>(() => session.TestConnection(DsccCallContext.Silent));

            // Assert: probe, renewal, probe again, then an error naming the host that refused.
            var api = fake.ApiRequests;
            Assert.Equal(2, api.Count);
            AssertIsProbe(api[0], "tok-1");
            AssertIsProbe(api[1], "tok-2");
            Assert.Equal(2, fake.TokenRequests.Count);
            Assert.Contains("dscc.mock.test", ex.Message, StringComparison.Ordinal);
            Assert.Equal("t-3", ex.TraceId);
            Assert.DoesNotContain("tok-", ex.ToString(), StringComparison.Ordinal);
        }

        [Fact]
        public void ShouldSucceedAfterOneRenewalWhenProbeTokenWasReplaced()
        {
            // Arrange: another session of the client took a token, so the first probe is refused once.
            var fake = new FakeDscc();
            fake.OnlyLatestTokenIsValid = true;
            fake.Route(
                HttpMethod.Get,
                ProbePath,
                FakeAnswer.Ok(new JObject { ["items"] = new JArray(), ["total"] = 0 }));
            using DsccSession session = TestSessions.Open(fake);
            using DsccSession other = TestSessions.Open(fake);

            // Act
            string problem = session.TestConnection(DsccCallContext.Silent);

            // Assert
            Assert.Null(problem);
            var api = fake.ApiRequests;
            Assert.Equal(2, api.Count);
            AssertIsProbe(api[0], "tok-1");
            AssertIsProbe(api[1], "tok-3");
            Assert.Equal(HttpStatusCode.Unauthorized, api[0].AnsweredStatus);
            Assert.Equal(HttpStatusCode.OK, api[1].AnsweredStatus);
            Assert.Equal(2, session.TokenCount);
        }
    }
}
