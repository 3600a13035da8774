using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using DsccPowerShell.Engine;
using DsccPowerShell.Engine.Http;
using DsccPowerShell.Engine.Sessions;
using DsccPowerShell.Tests.Fakes;
using Newtonsoft.Json.Linq;
using Xunit;

namespace DsccPowerShell.Tests
{
    /// <summary>
    /// One token per session, renewed by one caller at a time, and the 401 rule: renew once, repeat once
    /// (field lessons 1 and 2). Threads here are dedicated threads, not pool tasks, because the fake holds some
    /// of them on purpose.
    /// </summary>
    public sealed class TokenConcurrencyTests
    {
        private const string ListPath = "/api/v1/volumes";
        private const string CreatePath = "/api/v1/storage-systems/device-type1/SYS0000001/volumes";
        private const int Threads = 8;

        private static FakeDscc FakeWithList()
        {
            var fake = new FakeDscc();
            fake.Route(
                HttpMethod.Get,
                ListPath,
                FakeAnswer.Ok(new JObject { ["items"] = new JArray(), ["total"] = 0 }));
            return fake;
        }

        /// <summary>Runs <paramref name="call"/> on <paramref name="count"/> threads released together.</summary>
        private static (JToken[] Results, Exception[] Failures) RunTogether(int count, Func<JToken> call)
        {
            var results = new JToken[count];
            var failures = new Exception[count];
            using var start = new ManualResetEventSlim(false);
            var threads = Enumerable.Range(0, count).Select(i => new Thread(() =>
            {
                start.Wait();
                try
                {
                    results[i] = call();
                }
                catch (Exception ex)
                {
                    failures[i] = ex;
                }
            })).ToArray();
            foreach (Thread thread in threads)
            {
                thread.Start();
            }

            start.Set();
            foreach (Thread thread in threads)
            {
                Assert.True(thread.Join(TimeSpan.FromSeconds(20)), "a call did not finish");
            }

            return (results, failures);
        }

        [Fact]
        public void ShouldRequestOneTokenWhenEightThreadsFindItNearExpiry()
        {
            // Arrange: 7 150 s into a 7 200 s token, inside the 60 s renewal margin. The renewal is slow, so the
            // other threads arrive while it is in flight.
            FakeDscc fake = FakeWithList();
            var clock = new FakeClock();
            using DsccSession session = TestSessions.Open(fake, clock);
            fake.TokenAnswersFirst(FakeAnswer.Ok(new JObject
            {
                ["access_token"] = "tok-renewed",
                ["token_type"] = "Bearer",
                ["expires_in"] = 7200,
            }).After(TimeSpan.FromMilliseconds(300)));
            clock.Advance(TimeSpan.FromSeconds(7150));

            // Act
            var (results, failures) = RunTogether(
                Threads, () => session.Api.Send(HttpMethod.Get, ListPath, null, DsccCallContext.Silent));

            // Assert: every call succeeded with the one renewed token.
            Assert.All(failures, Assert.Null);
            Assert.All(results, r => Assert.Equal(0, (int)r["total"]));
            Assert.Equal(2, fake.TokenRequests.Count);
            Assert.Equal(2, session.TokenCount);
            Assert.Equal(Threads, fake.ApiRequests.Count);
            Assert.All(fake.ApiRequests, r => Assert.Equal("Bearer tok-renewed", r.Authorization));
            Assert.Equal(clock.UtcNow.AddSeconds(7200), session.TokenExpiresOn);
        }

        [Fact]
        public void ShouldRenewOnceWhenEightThreadsAreRefusedTogether()
        {
            // Arrange: another session of the same client got a token, so session A's tok-1 is dead. The fake
            // holds A's eight requests until all eight have arrived, so all of them carry tok-1 and get 401.
            FakeDscc fake = FakeWithList();
            fake.OnlyLatestTokenIsValid = true;
            using DsccSession sessionA = TestSessions.Open(fake);
            using DsccSession sessionB = TestSessions.Open(fake);
            using var allArrived = new Barrier(Threads);
            fake.RequestHook = r =>
            {
                if (r.IsApiRequest && r.BearerToken == "tok-1")
                {
                    Assert.True(allArrived.SignalAndWait(TimeSpan.FromSeconds(10)), "the eight requests did not meet");
                }
            };

            // Act
            var (results, failures) = RunTogether(
                Threads, () => sessionA.Api.Send(HttpMethod.Get, ListPath, null, DsccCallContext.Silent));

            // Assert: each call answered; exactly one renewal served all eight refusals.
            Assert.All(failures, Assert.Null);
            Assert.All(results, r => Assert.Equal(0, (int)r["total"]));
            Assert.Equal(new[] { "tok-1", "tok-2", "tok-3" }, fake.IssuedTokens);
            Assert.Equal(2, sessionA.TokenCount);
            var api = fake.ApiRequests;
            Assert.Equal(
                Threads,
                api.Count(r => r.BearerToken == "tok-1" && r.AnsweredStatus == HttpStatusCode.Unauthorized));
            Assert.Equal(Threads, api.Count(r => r.BearerToken == "tok-3" && r.AnsweredStatus == HttpStatusCode.OK));
            Assert.Equal(2 * Threads, api.Count);
            Assert.Equal(Threads, sessionA.Statistics.Unauthorized);
        }

        [Fact]
        public void ShouldKeepTwoSessionsOfOneClientWorkingWhenEachInvalidatesTheOther()
        {
            // Arrange: DSCC kills a client's older token whenever it issues a new one (field lesson 2).
            FakeDscc fake = FakeWithList();
            fake.OnlyLatestTokenIsValid = true;
            using DsccSession sessionA = TestSessions.Open(fake);
            using DsccSession sessionB = TestSessions.Open(fake);
            var sessions = new[] { sessionA, sessionB };

            // Act: ten rounds, the two sessions used alternately.
            for (int round = 0; round < 10; round++)
            {
                foreach (DsccSession session in sessions)
                {
                    int before = fake.ApiRequests.Count;
                    JToken result = session.Api.Send(HttpMethod.Get, ListPath, null, DsccCallContext.Silent);

                    // Assert (each call): it succeeded, and sent the request at most twice
                    // (refused, renewed, repeated).
                    Assert.Equal(0, (int)result["total"]);
                    Assert.InRange(fake.ApiRequests.Count - before, 1, 2);
                }
            }

            // Assert: renewals happen only after a refusal, at most one per token the other session took.
            var api = fake.ApiRequests;
            int refused = api.Count(r => r.AnsweredStatus == HttpStatusCode.Unauthorized);
            Assert.Equal(refused, sessionA.Statistics.Unauthorized + sessionB.Statistics.Unauthorized);
            Assert.Equal(20 + refused, api.Count);
            Assert.True(
                fake.TokenRequests.Count <= refused + 2,
                fake.TokenRequests.Count + " token requests for " + refused + " refusals");
            Assert.Equal(sessionA.TokenCount + sessionB.TokenCount, fake.TokenRequests.Count);
            Assert.True(sessionA.TokenCount - 1 <= sessionA.Statistics.Unauthorized, "A renewed without a refusal");
            Assert.True(sessionB.TokenCount - 1 <= sessionB.Statistics.Unauthorized, "B renewed without a refusal");
            Assert.True(sessionA.TokenCount - 1 <= sessionB.TokenCount, "A renewed more often than B invalidated it");
            Assert.True(sessionB.TokenCount - 1 <= sessionA.TokenCount, "B renewed more often than A invalidated it");
        }

        [Theory]
        [InlineData("GET")]
        [InlineData("POST")]
        public void ShouldNeverRenewTokenOn403(string methodName)
        {
            // Arrange
            var method = new HttpMethod(methodName);
            string path = method == HttpMethod.Get ? ListPath : CreatePath;
            JObject body = method == HttpMethod.Post ? new JObject { ["name"] = "vol-a" } : null;
            var fake = new FakeDscc();
            fake.Route(
                method,
                path,
                FakeAnswer.DsccError(
                    HttpStatusCode.Forbidden, "missing permission data-services.volume.read", "403", "t-403"));
            var log = new CallLog();
            using DsccSession session = TestSessions.Open(fake, retry: Retries.Tiny(maxAttempts: 3));

            // Act
            var ex = Assert.Throws<DsccApiException>(() => session.Api.Send(method, path, body, log.Context()));

            // Assert: one request, no renewal, no retry, and DSCC's words in the error.
            Assert.IsNotType<DsccAuthenticationException>(ex);
            Assert.Equal(HttpStatusCode.Forbidden, ex.StatusCode);
            Assert.Equal("missing permission data-services.volume.read", ex.ServiceError);
            Assert.Single(fake.ApiRequests);
            Assert.Single(fake.TokenRequests);
            Assert.Equal(1, session.TokenCount);
            Assert.Equal(0, session.Statistics.Unauthorized);
            Assert.Equal(0, session.Statistics.Retries);
            Assert.DoesNotContain(log.Verbose, l => l.Contains("renew", StringComparison.OrdinalIgnoreCase));
        }

        [Fact]
        public void ShouldFailWithHostAfterRenewedTokenIsRefusedWithoutRetryingThe401()
        {
            // Arrange: a create, with retries on: a 401 is not a transient failure and is repeated only once.
            var fake = new FakeDscc();
            fake.Route(
                HttpMethod.Post,
                CreatePath,
                FakeAnswer.DsccError(HttpStatusCode.Unauthorized, "Unauthorized", "401", "t-9"));
            var log = new CallLog();
            using DsccSession session = TestSessions.Open(fake, retry: Retries.Tiny(maxAttempts: 5));

            // Act
            var ex = Assert.Throws<DsccAuthenticationException>(() => session.Api.Send(
                HttpMethod.Post, CreatePath, new JObject { ["name"] = "vol-a" }, log.Context()));

            // Assert: exactly two POSTs, identical but for the renewed token; the error names the host.
            var api = fake.ApiRequests;
            Assert.Equal(2, api.Count);
            Assert.Equal(new[] { "Bearer tok-1", "Bearer tok-2" }, api.Select(r => r.Authorization));
            Assert.Equal(api[0].Body, api[1].Body);
            Assert.Equal(2, fake.TokenRequests.Count);
            Assert.Contains("dscc.mock.test", ex.Message, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Unauthorized, ex.StatusCode);
            Assert.Equal("t-9", ex.TraceId);
            Assert.Equal(HttpMethod.Post, ex.Method);
            Assert.Empty(RetryLine.In(log.Verbose));
            Assert.Equal(1, session.Statistics.Unauthorized);
        }

        [Fact]
        public void ShouldCountRenewalAfter401AsSuccessNotFailure()
        {
            // Arrange
            var fake = new FakeDscc();
            fake.Sequence(
                HttpMethod.Get,
                ListPath,
                FakeAnswer.DsccError(HttpStatusCode.Unauthorized, "Unauthorized", "401", "t-1"),
                FakeAnswer.Ok(new JObject { ["items"] = new JArray(), ["total"] = 0 }));
            using DsccSession session = TestSessions.Open(fake);

            // Act
            JToken result = session.Api.Send(HttpMethod.Get, ListPath, null, DsccCallContext.Silent);

            // Assert: the call succeeded after one renewal; the statistics say so ("Failures: the calls that ended
            // in an error after all attempts", DsccSessionStatistics).
            Assert.Equal(0, (int)result["total"]);
            Assert.Equal(new[] { "Bearer tok-1", "Bearer tok-2" }, fake.ApiRequests.Select(r => r.Authorization));
            Assert.Equal(1, session.Statistics.Unauthorized);
            Assert.Equal(4, session.Statistics.Requests);
            Assert.Equal(0, session.Statistics.Failures);
        }
    }
}
