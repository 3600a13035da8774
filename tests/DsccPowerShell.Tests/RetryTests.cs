using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
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
    /// Which failures are retried, how long the engine waits and how often (field lesson 11; lesson 10 for what
    /// surfaces once retries are spent). Waits longer than a second are asserted from the Verbose line the engine
    /// writes before waiting, and the call is cancelled at that point instead of sitting through the wait.
    /// </summary>
    public sealed class RetryTests
    {
        private const string ListPath = "/api/v1/volumes";
        private const string ItemPath = "/api/v1/volumes/vol-1";
        private const string CreatePath = "/api/v1/storage-systems/device-type1/SYS0000001/volumes";

        private static readonly JObject EmptyList = new JObject
        {
            ["items"] = new JArray(),
            ["total"] = 0,
            ["pageLimit"] = 50,
            ["pageOffset"] = 0,
        };

        private static FakeAnswer Status(HttpStatusCode status) =>
            FakeAnswer.DsccError(
                status,
                "transient " + (int)status,
                ((int)status).ToString(CultureInfo.InvariantCulture),
                "t-" + (int)status);

        private static FakeAnswer TooMany() => Status((HttpStatusCode)429);

        private static HttpMethod Method(string name) => new HttpMethod(name);

        private static string PathFor(HttpMethod method) =>
            method == HttpMethod.Post ? CreatePath : method == HttpMethod.Get ? ListPath : ItemPath;

        private static JObject BodyFor(HttpMethod method) =>
            method == HttpMethod.Post || method == HttpMethod.Put
                ? new JObject { ["name"] = "vol-a", ["sizeMib"] = 1024 }
                : null;

        private static FakeAnswer OkFor(HttpMethod method) =>
            method == HttpMethod.Get
                ? FakeAnswer.Ok(EmptyList)
                : FakeAnswer.Ok(new JObject { ["taskUri"] = "/api/v1/tasks/t-1" });

        private static FakeAnswer Failure(string failure) => failure switch
        {
            "502" => Status(HttpStatusCode.BadGateway),
            "504" => Status(HttpStatusCode.GatewayTimeout),
            "503" => Status(HttpStatusCode.ServiceUnavailable),
            "429" => TooMany(),
            "drop" => FakeAnswer.Drop(),
            "drop-mid-body" => FakeAnswer.DropMidBody(),
            _ => throw new ArgumentOutOfRangeException(nameof(failure)),
        };

        [Fact]
        public void ShouldHonourRetryAfterSecondsOn429()
        {
            // Arrange: DSCC asks for one second; the back-off alone would retry after about a millisecond.
            var fake = new FakeDscc();
            fake.Sequence(
                HttpMethod.Get,
                ListPath,
                TooMany().WithHeader("Retry-After", "1"),
                FakeAnswer.Ok(EmptyList));
            var times = new List<(string Path, long Ticks)>();
            fake.RequestHook = r =>
            {
                lock (times)
                {
                    times.Add((r.Path, Stopwatch.GetTimestamp()));
                }
            };
            var log = new CallLog();
            using DsccSession session = TestSessions.Open(fake, retry: Retries.Fast(maxAttempts: 3));

            // Act
            JToken result = session.Api.Send(HttpMethod.Get, ListPath, body: null, log.Context());

            // Assert: what came back is the second answer.
            Assert.Equal(0, (int)result["total"]);

            // Assert: what was sent — the same request twice, at least the requested second apart.
            Assert.Equal(2, fake.ApiRequests.Count);
            Assert.All(fake.ApiRequests, r => Assert.Equal("Bearer tok-1", r.Authorization));
            Assert.Equal(fake.ApiRequests[0].Uri, fake.ApiRequests[1].Uri);
            var apiTimes = times.Where(t => t.Path == ListPath).Select(t => t.Ticks).ToArray();
            TimeSpan gap = TimeSpan.FromSeconds((apiTimes[1] - apiTimes[0]) / (double)Stopwatch.Frequency);
            Assert.True(gap >= TimeSpan.FromSeconds(0.95), "retried after only " + gap);

            // Assert: -Verbose said how long and which attempt; the statistics count it.
            RetryLine line = Assert.Single(RetryLine.In(log.Verbose));
            Assert.Equal(1.0, line.Seconds);
            Assert.Equal(2, line.Attempt);
            Assert.Equal(3, line.Of);
            Assert.Contains("429", line.Text, StringComparison.Ordinal);
            Assert.Equal(1, session.Statistics.Retries);
            Assert.Equal(3, session.Statistics.Requests);
            Assert.Equal(0, session.Statistics.Failures);
        }

        /// <summary>
        /// kind: "seconds" sends <paramref name="amount"/> as is; "date" sends an HTTP date that many seconds
        /// ahead; "epoch" sends the Unix time that many seconds ahead. HTTP dates and epoch values have one-second
        /// resolution, so the announced wait may be up to two seconds shorter than <paramref name="amount"/>.
        /// </summary>
        [Theory]
        [InlineData("Retry-After", "seconds", 7)]
        [InlineData("Retry-After", "date", 10)]
        [InlineData("RateLimit-Reset", "seconds", 5)]
        [InlineData("ratelimit-reset", "seconds", 5)]
        [InlineData("RATELIMIT-RESET", "seconds", 5)]
        [InlineData("rateLimit-reset", "seconds", 3)]
        [InlineData("X-RateLimit-Reset", "seconds", 6)]
        [InlineData("x-ratelimit-reset", "seconds", 6)]
        [InlineData("ratelimit-reset", "epoch", 12)]
        [InlineData("X-RATELIMIT-RESET", "epoch", 12)]
        public void ShouldWaitAsLongAsRateLimitHeaderAsks(string header, string kind, int amount)
        {
            // Arrange
            DateTimeOffset now = DateTimeOffset.UtcNow;
            string value = kind switch
            {
                "seconds" => amount.ToString(CultureInfo.InvariantCulture),
                "date" => now.AddSeconds(amount).ToString("r", CultureInfo.InvariantCulture),
                "epoch" => now.AddSeconds(amount).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
                _ => throw new ArgumentOutOfRangeException(nameof(kind)),
            };
            var fake = new FakeDscc();
            fake.Sequence(HttpMethod.Get, ListPath, TooMany().WithHeader(header, value), FakeAnswer.Ok(EmptyList));
            using DsccSession session = TestSessions.Open(fake, retry: Retries.Fast(maxAttempts: 3));
            using var probe = new CancelAtRetry(cancelBeforeAttempt: 2);
            var stopwatch = Stopwatch.StartNew();

            // Act
            Exception ex = Record.Exception(() => session.Api.Send(HttpMethod.Get, ListPath, null, probe.Context));

            // Assert: the announced wait is the one the header asked for, not the 1 ms back-off.
            Assert.IsAssignableFrom<OperationCanceledException>(ex);
            RetryLine announced = probe.Announced;
            if (kind == "seconds")
            {
                Assert.Equal(amount, announced.Seconds);
            }
            else
            {
                Assert.InRange(announced.Seconds, amount - 2.0, amount);
            }

            Assert.Equal(3, announced.Of);
            Assert.Single(fake.ApiRequests);
            Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(2), "cancelled wait still took " + stopwatch.Elapsed);
        }

        [Fact]
        public void ShouldPreferRetryAfterOverRateLimitReset()
        {
            // Arrange
            var fake = new FakeDscc();
            fake.Route(
                HttpMethod.Get,
                ListPath,
                TooMany().WithHeader("ratelimit-reset", "9").WithHeader("Retry-After", "4"));
            using DsccSession session = TestSessions.Open(fake, retry: Retries.Fast(maxAttempts: 3));
            using var probe = new CancelAtRetry(cancelBeforeAttempt: 2);

            // Act
            Exception ex = Record.Exception(() => session.Api.Send(HttpMethod.Get, ListPath, null, probe.Context));

            // Assert
            Assert.IsAssignableFrom<OperationCanceledException>(ex);
            Assert.Equal(4.0, probe.Announced.Seconds);
            Assert.Single(fake.ApiRequests);
        }

        [Fact]
        public void ShouldWaitAsLongAsDsccAsksEvenBeyondTheBackOffCap()
        {
            // Arrange: DSCC asks for four seconds; the back-off alone would never wait more than three.
            var fake = new FakeDscc();
            fake.Route(HttpMethod.Get, ListPath, TooMany().WithHeader("Retry-After", "4"));
            using DsccSession session = TestSessions.Open(
                fake, retry: Retries.Fast(maxAttempts: 3, maxDelaySeconds: 3));
            using var probe = new CancelAtRetry(cancelBeforeAttempt: 2);

            // Act
            Exception ex = Record.Exception(() => session.Api.Send(HttpMethod.Get, ListPath, null, probe.Context));

            // Assert: it announced the full four seconds (and was cancelled then, to keep the test short).
            Assert.IsAssignableFrom<OperationCanceledException>(ex);
            Assert.Equal(4.0, probe.Announced.Seconds);
            Assert.Single(fake.ApiRequests);
        }

        [Fact]
        public void ShouldFailAtOnceWhenDsccAsksForMoreThanTheSessionMayWait()
        {
            // Arrange: DSCC asks for five minutes; the session may wait two in all.
            var fake = new FakeDscc();
            fake.Route(HttpMethod.Get, ListPath, TooMany().WithHeader("Retry-After", "300"));
            var log = new CallLog();
            using DsccSession session = TestSessions.Open(fake, context: log.Context(), retry: Retries.Fast(3));
            var stopwatch = Stopwatch.StartNew();

            // Act
            var ex = Assert.Throws<DsccApiException>(
                () => session.Api.Send(HttpMethod.Get, ListPath, null, log.Context()));

            // Assert: no early retry, no wait; the error says what DSCC asked for.
            Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), "waited " + stopwatch.Elapsed);
            Assert.Equal((HttpStatusCode)429, ex.StatusCode);
            Assert.Contains("Retry-After / ratelimit-reset: 300 s", ex.Message, StringComparison.Ordinal);
            Assert.Single(fake.ApiRequests);
            Assert.Empty(RetryLine.In(log.Verbose));
        }

        [Fact]
        public void ShouldBackOffExponentiallyWithJitterWhenNoHeaderSaysHowLong()
        {
            // Arrange: base delay 1 s. For each sample the first waits are skipped with Retry-After: 0 so that the
            // announced wait is the back-off for that attempt; the call is cancelled once it is announced.
            var settings = new DsccRetrySettings
            {
                MaxAttempts = 7,
                BaseDelay = TimeSpan.FromSeconds(1),
                MaxDelay = TimeSpan.FromSeconds(60),
                MaxTotalWait = TimeSpan.FromSeconds(600),
            };
            var fake = new FakeDscc();
            int answered = 0;
            int skipWaits = 0;
            fake.Route(HttpMethod.Get, ListPath, _ =>
            {
                int n = System.Threading.Interlocked.Increment(ref answered);
                FakeAnswer unavailable = Status(HttpStatusCode.ServiceUnavailable);
                return n <= skipWaits ? unavailable.WithHeader("Retry-After", "0") : unavailable;
            });
            using DsccSession session = TestSessions.Open(fake, retry: settings);

            List<double> Sample(int attempt)
            {
                var waits = new List<double>();
                for (int i = 0; i < 25; i++)
                {
                    answered = 0;
                    skipWaits = attempt - 2;
                    using var probe = new CancelAtRetry(cancelBeforeAttempt: attempt);
                    Exception ex = Record.Exception(
                        () => session.Api.Send(HttpMethod.Get, ListPath, null, probe.Context));
                    Assert.IsAssignableFrom<OperationCanceledException>(ex);
                    waits.Add(probe.Announced.Seconds);
                }

                return waits;
            }

            // Act
            List<double> first = Sample(attempt: 2);
            List<double> fifth = Sample(attempt: 6);

            // Assert: jittered (not one fixed value), within the cap, and growing with the attempt number.
            Assert.True(first.Distinct().Count() >= 3, "no jitter: " + string.Join(", ", first));
            Assert.All(first.Concat(fifth), w => Assert.InRange(w, 0.0, 60.0));
            Assert.True(
                fifth.Average() > 3 * first.Average(),
                "not exponential: first waits " + string.Join(", ", first) +
                    "; fifth waits " + string.Join(", ", fifth));
            Assert.Equal(25 * 1 + (25 * 5), fake.ApiRequests.Count);
        }

        [Fact]
        public void ShouldCapExponentialBackOffAtMaxDelay()
        {
            // Arrange: a 30 s base delay would take minutes; MaxDelay keeps every wait at 40 ms.
            var settings = new DsccRetrySettings
            {
                MaxAttempts = 4,
                BaseDelay = TimeSpan.FromSeconds(30),
                MaxDelay = TimeSpan.FromMilliseconds(40),
                MaxTotalWait = TimeSpan.FromSeconds(120),
            };
            var fake = new FakeDscc();
            var unavailable = Status(HttpStatusCode.ServiceUnavailable);
            fake.Sequence(HttpMethod.Get, ListPath, unavailable, unavailable, unavailable, FakeAnswer.Ok(EmptyList));
            var log = new CallLog();
            using DsccSession session = TestSessions.Open(fake, retry: settings);
            var stopwatch = Stopwatch.StartNew();

            // Act
            JToken result = session.Api.Send(HttpMethod.Get, ListPath, null, log.Context());

            // Assert
            Assert.Equal(0, (int)result["total"]);
            Assert.Equal(4, fake.ApiRequests.Count);
            IReadOnlyList<RetryLine> waits = RetryLine.In(log.Verbose);
            Assert.Equal(new[] { 2, 3, 4 }, waits.Select(w => w.Attempt));
            Assert.All(waits, w => Assert.InRange(w.Seconds, 0.0, 0.1));
            Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), "took " + stopwatch.Elapsed);
            Assert.Equal(3, session.Statistics.Retries);
        }

        [Theory]
        [InlineData("GET", "503")]
        [InlineData("POST", "503")]
        [InlineData("GET", "429")]
        [InlineData("POST", "429")]
        [InlineData("PUT", "503")]
        [InlineData("DELETE", "429")]
        public void ShouldRetryRequestsDsccDidNotProcess(string methodName, string failure)
        {
            // Arrange: 429 and 503 mean DSCC did not process the request, so even a create is sent again.
            HttpMethod method = Method(methodName);
            string path = PathFor(method);
            var fake = new FakeDscc();
            fake.Sequence(method, path, Failure(failure), Failure(failure), OkFor(method));
            var log = new CallLog();
            using DsccSession session = TestSessions.Open(fake, retry: Retries.Tiny(maxAttempts: 4));

            // Act
            JToken result = session.Api.Send(method, path, BodyFor(method), log.Context());

            // Assert: what came back is the third answer.
            Assert.NotNull(result);
            Assert.Equal(method == HttpMethod.Get ? 0 : (int?)null, (int?)result["total"]);

            // Assert: the identical request was sent three times.
            var sent = fake.ApiRequests;
            Assert.Equal(3, sent.Count);
            Assert.All(sent, r => Assert.Equal(method, r.Method));
            Assert.All(sent, r => Assert.Equal(sent[0].Uri, r.Uri));
            Assert.All(sent, r => Assert.Equal(sent[0].Body, r.Body));
            if (BodyFor(method) != null)
            {
                Assert.Equal("vol-a", (string)sent[0].JsonBody["name"]);
            }

            Assert.Equal(2, RetryLine.In(log.Verbose).Count);
            Assert.Equal(2, session.Statistics.Retries);
            Assert.Equal(4, session.Statistics.Requests);
            Assert.Equal(0, session.Statistics.Failures);
        }

        [Theory]
        [InlineData("GET", "502")]
        [InlineData("GET", "504")]
        [InlineData("GET", "drop")]
        [InlineData("GET", "drop-mid-body")]
        [InlineData("PUT", "502")]
        [InlineData("PUT", "504")]
        [InlineData("PUT", "drop")]
        [InlineData("DELETE", "502")]
        [InlineData("DELETE", "504")]
        [InlineData("DELETE", "drop")]
        public void ShouldRetryRepeatableRequestsAfterGatewayErrorOrDroppedConnection(string methodName, string failure)
        {
            // Arrange
            HttpMethod method = Method(methodName);
            string path = PathFor(method);
            var fake = new FakeDscc();
            fake.Sequence(method, path, Failure(failure), OkFor(method));
            var log = new CallLog();
            using DsccSession session = TestSessions.Open(fake, retry: Retries.Tiny(maxAttempts: 3));

            // Act
            JToken result = session.Api.Send(method, path, BodyFor(method), log.Context());

            // Assert
            Assert.NotNull(result);
            var sent = fake.ApiRequests;
            Assert.Equal(2, sent.Count);
            Assert.Equal(sent[0].Uri, sent[1].Uri);
            Assert.Equal(sent[0].Body, sent[1].Body);
            RetryLine retry = Assert.Single(RetryLine.In(log.Verbose));
            Assert.Equal(2, retry.Attempt);
            Assert.Equal(1, session.Statistics.Retries);
            Assert.Equal(0, session.Statistics.Failures);
        }

        [Theory]
        [InlineData("502")]
        [InlineData("504")]
        [InlineData("drop")]
        [InlineData("drop-mid-body")]
        public void ShouldNotRepeatCreateAfterGatewayErrorOrDroppedConnection(string failure)
        {
            // Arrange: whether DSCC created the volume is unknown, so the POST must not be sent again.
            var fake = new FakeDscc();
            fake.Sequence(HttpMethod.Post, CreatePath, Failure(failure), OkFor(HttpMethod.Post));
            var log = new CallLog();
            using DsccSession session = TestSessions.Open(fake, retry: Retries.Tiny(maxAttempts: 5));

            // Act
            Exception ex = Record.Exception(
                () => session.Api.Send(HttpMethod.Post, CreatePath, BodyFor(HttpMethod.Post), log.Context()));

            // Assert: exactly one POST, and the failure surfaces as an error of its kind.
            RecordedRequest sent = Assert.Single(fake.ApiRequests);
            Assert.Equal(HttpMethod.Post, sent.Method);
            Assert.Equal("vol-a", (string)sent.JsonBody["name"]);
            if (failure.StartsWith("drop", StringComparison.Ordinal))
            {
                var connection = Assert.IsType<DsccConnectionException>(ex);
                Assert.Equal(new Uri(FakeDscc.BaseUri, CreatePath), connection.RequestUri);
                Assert.Contains("dscc.mock.test", connection.Message, StringComparison.Ordinal);
            }
            else
            {
                var api = Assert.IsType<DsccApiException>(ex);
                Assert.Equal((HttpStatusCode)int.Parse(failure, CultureInfo.InvariantCulture), api.StatusCode);
                Assert.Equal(HttpMethod.Post, api.Method);
                Assert.Contains(failure, api.Message, StringComparison.Ordinal);
            }

            Assert.Empty(RetryLine.In(log.Verbose));
            Assert.Equal(0, session.Statistics.Retries);
            Assert.Equal(1, session.Statistics.Failures);
        }

        [Theory]
        [InlineData(1)]
        [InlineData(2)]
        [InlineData(5)]
        public void ShouldRespectMaxAttemptsExactly(int maxAttempts)
        {
            // Arrange
            var fake = new FakeDscc();
            fake.Route(HttpMethod.Get, ListPath, Status(HttpStatusCode.ServiceUnavailable));
            var log = new CallLog();
            using DsccSession session = TestSessions.Open(fake, retry: Retries.Tiny(maxAttempts));

            // Act
            var ex = Assert.Throws<DsccApiException>(
                () => session.Api.Send(HttpMethod.Get, ListPath, null, log.Context()));

            // Assert: exactly maxAttempts requests, then DSCC's last answer as the error.
            Assert.Equal(maxAttempts, fake.ApiRequests.Count);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ex.StatusCode);
            Assert.Equal("t-503", ex.TraceId);
            IReadOnlyList<RetryLine> retries = RetryLine.In(log.Verbose);
            Assert.Equal(Enumerable.Range(2, maxAttempts - 1), retries.Select(r => r.Attempt));
            Assert.All(retries, r => Assert.Equal(maxAttempts, r.Of));
            Assert.Equal(maxAttempts - 1, session.Statistics.Retries);
            Assert.Equal(maxAttempts + 1, session.Statistics.Requests);
            Assert.Equal(1, session.Statistics.Failures);
        }

        [Fact]
        public void ShouldStopRetryingWhenWaitBudgetIsSpentAndReturnLastAnswer()
        {
            // Arrange: the second answer asks for 5 s, more than the 3 s the session may wait in all.
            var settings = Retries.Fast(maxAttempts: 5);
            settings.MaxTotalWait = TimeSpan.FromSeconds(3);
            var fake = new FakeDscc();
            fake.Sequence(
                HttpMethod.Get,
                ListPath,
                TooMany().WithHeader("Retry-After", "0"),
                Status(HttpStatusCode.ServiceUnavailable).WithHeader("Retry-After", "5"),
                FakeAnswer.Ok(EmptyList));
            var log = new CallLog();
            using DsccSession session = TestSessions.Open(fake, retry: settings);
            var stopwatch = Stopwatch.StartNew();

            // Act
            var ex = Assert.Throws<DsccApiException>(
                () => session.Api.Send(HttpMethod.Get, ListPath, null, log.Context()));

            // Assert: two requests, no 5 s wait, and the last failure (503) is what surfaces.
            Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(2), "waited anyway: " + stopwatch.Elapsed);
            Assert.Equal(2, fake.ApiRequests.Count);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ex.StatusCode);
            Assert.Equal("t-503", ex.TraceId);
            RetryLine only = Assert.Single(RetryLine.In(log.Verbose));
            Assert.Equal(0.0, only.Seconds);
            Assert.Equal(1, session.Statistics.Retries);
            Assert.Equal(1, session.Statistics.Failures);
        }

        [Fact]
        public void ShouldThrowLastConnectionFailureWhenWaitBudgetIsSpent()
        {
            // Arrange: no waiting allowed at all; a Retry-After: 0 retry is free, a back-off after a drop is not.
            var settings = Retries.Fast(maxAttempts: 5);
            settings.BaseDelay = TimeSpan.FromSeconds(1);
            settings.MaxTotalWait = TimeSpan.Zero;
            var fake = new FakeDscc();
            fake.Sequence(
                HttpMethod.Get,
                ListPath,
                Status(HttpStatusCode.ServiceUnavailable).WithHeader("Retry-After", "0"),
                FakeAnswer.Drop("Connection reset by peer (second attempt)"),
                FakeAnswer.Ok(EmptyList));
            using DsccSession session = TestSessions.Open(fake, retry: settings);

            // Act
            var ex = Assert.Throws<DsccConnectionException>(
                () => session.Api.Send(HttpMethod.Get, ListPath, null, DsccCallContext.Silent));

            // Assert
            Assert.Equal(2, fake.ApiRequests.Count);
            Assert.Contains("second attempt", ex.Message, StringComparison.Ordinal);
            Assert.Equal(new Uri(FakeDscc.BaseUri, ListPath), ex.RequestUri);
            Assert.IsType<HttpRequestException>(ex.InnerException);
            Assert.Equal(1, session.Statistics.Retries);
            Assert.Equal(1, session.Statistics.Failures);
        }

        [Theory]
        [InlineData("429", "429")]
        [InlineData("503", "503")]
        [InlineData("drop", "broke")]
        public void ShouldRetryTokenRequestWithoutBlamingCredentials(string failure, string announced)
        {
            // Arrange: the token endpoint fails transiently once (field lesson 11: a token-endpoint 429).
            var fake = new FakeDscc();
            FakeAnswer first = failure == "drop"
                ? FakeAnswer.Drop()
                : FakeAnswer.Json(
                    (HttpStatusCode)int.Parse(failure, CultureInfo.InvariantCulture),
                    new JObject { ["error"] = "rate_limited" }).WithHeader("Retry-After", "0");
            fake.TokenAnswersFirst(first);
            fake.Route(HttpMethod.Get, ListPath, FakeAnswer.Ok(EmptyList));
            var log = new CallLog();

            // Act
            using DsccSession session = TestSessions.Open(
                fake, context: log.Context(), retry: Retries.Fast(maxAttempts: 3));
            JToken result = session.Api.Send(HttpMethod.Get, ListPath, null, log.Context());

            // Assert: two identical token requests, the session opened and works with the token it got.
            Assert.Equal(0, (int)result["total"]);
            var tokenRequests = fake.TokenRequests;
            Assert.Equal(2, tokenRequests.Count);
            Assert.Equal(HttpStatusCode.OK, tokenRequests[1].AnsweredStatus);
            Assert.Equal(tokenRequests[0].Body, tokenRequests[1].Body);
            Assert.Equal("Bearer tok-1", fake.ApiRequests.Single().Authorization);
            Assert.Equal(1, session.TokenCount);
            Assert.Equal(1, session.Statistics.Retries);
            Assert.Equal(3, session.Statistics.Requests);
            Assert.Equal(0, session.Statistics.Failures);
            RetryLine retry = Assert.Single(RetryLine.In(log.Verbose));
            Assert.Contains(announced, retry.Text, StringComparison.Ordinal);
            Assert.Contains("sso.mock.test", retry.Text, StringComparison.Ordinal);
            Assert.DoesNotContain(log.All, l => l.Contains("client id and secret", StringComparison.OrdinalIgnoreCase));
        }

        [Theory]
        [InlineData(429)]
        [InlineData(503)]
        public void ShouldNotBlameCredentialsWhenTokenServiceStaysUnavailable(int status)
        {
            // Arrange: the token service keeps answering "too many requests" / "unavailable" (field lesson 11:
            // "token refresh under load fails with 429 and is treated as bad credentials").
            var fake = new FakeDscc();
            var busy = FakeAnswer.Json((HttpStatusCode)status, new JObject { ["error"] = "temporarily_unavailable" })
                .WithHeader("Retry-After", "0");
            fake.TokenAnswersFirst(busy, busy, busy, busy);

            // Act
            Exception ex = Record.Exception(() => TestSessions.Open(fake, retry: Retries.Fast(maxAttempts: 2)));

            // Assert: both attempts were made, and the error does not send the user to check the secret.
            Assert.Equal(2, fake.TokenRequests.Count);
            var api = Assert.IsAssignableFrom<DsccApiException>(ex);
            Assert.Equal((HttpStatusCode)status, api.StatusCode);
            Assert.DoesNotContain("client id and secret", api.Message, StringComparison.OrdinalIgnoreCase);
            Assert.IsNotType<DsccAuthenticationException>(api);
            Assert.Contains(status.ToString(CultureInfo.InvariantCulture), api.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void ShouldNameRateLimitWhen429OutlastsAllAttempts()
        {
            // Arrange: field lesson 11, "after the last attempt raise an error naming the limit headers".
            var fake = new FakeDscc();
            fake.Route(
                HttpMethod.Get,
                ListPath,
                TooMany().WithHeader("ratelimit-limit", "100").WithHeader("ratelimit-reset", "0"));
            using DsccSession session = TestSessions.Open(fake, retry: Retries.Fast(maxAttempts: 3));

            // Act
            var ex = Assert.Throws<DsccApiException>(
                () => session.Api.Send(HttpMethod.Get, ListPath, null, DsccCallContext.Silent));

            // Assert
            Assert.Equal(3, fake.ApiRequests.Count);
            Assert.Equal((HttpStatusCode)429, ex.StatusCode);
            Assert.True(
                ex.Message.IndexOf("ratelimit", StringComparison.OrdinalIgnoreCase) >= 0 ||
                ex.Message.IndexOf("rate limit", StringComparison.OrdinalIgnoreCase) >= 0 ||
                ex.Message.IndexOf("Retry-After", StringComparison.OrdinalIgnoreCase) >= 0,
                "the error does not say DSCC's rate limit was hit: " + ex.Message);
        }
    }
}
