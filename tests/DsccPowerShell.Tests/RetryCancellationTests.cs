using System;
using System.Diagnostics;
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
    /// <summary>Ctrl+C and time limits while retries are on (field lesson 20).</summary>
    public sealed class RetryCancellationTests
    {
        private const string ListPath = "/api/v1/volumes";
        private const string CreatePath = "/api/v1/storage-systems/device-type1/SYS0000001/volumes";

        [Fact]
        public void ShouldStopPromptlyWhenCancelledDuringRetryWait()
        {
            // Arrange: DSCC asks for 30 s; the user presses Ctrl+C after 300 ms.
            var fake = new FakeDscc();
            fake.Route(
                HttpMethod.Get,
                ListPath,
                FakeAnswer.DsccError((HttpStatusCode)429, "slow down", "429", "t-1").WithHeader("Retry-After", "30"));
            using DsccSession session = TestSessions.Open(fake, retry: Retries.Fast(maxAttempts: 5));
            using var cancellation = new CancellationTokenSource();
            var log = new CallLog();
            cancellation.CancelAfter(TimeSpan.FromMilliseconds(300));
            var stopwatch = Stopwatch.StartNew();

            // Act
            Exception ex = Record.Exception(
                () => session.Api.Send(HttpMethod.Get, ListPath, null, log.Context(cancellation.Token)));

            // Assert: cancelled (not a 429 error, not a timeout) within a second, and nothing more was sent.
            Assert.IsAssignableFrom<OperationCanceledException>(ex);
            Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(1.3), "took " + stopwatch.Elapsed);
            Assert.Single(fake.ApiRequests);
            RetryLine announced = Assert.Single(RetryLine.In(log.Verbose));
            Assert.Equal(30.0, announced.Seconds);
            Assert.Equal(0, session.Statistics.Failures);
        }

        [Fact]
        public void ShouldStopPromptlyWhenCancelledDuringHangingRequest()
        {
            // Arrange: retries are on, yet a cancelled request must not be tried again.
            var fake = new FakeDscc().Route(HttpMethod.Get, ListPath, FakeAnswer.Hang());
            using DsccSession session = TestSessions.Open(
                fake, timeout: TimeSpan.FromSeconds(30), retry: Retries.Tiny(maxAttempts: 5));
            using var cancellation = new CancellationTokenSource();
            var log = new CallLog();
            cancellation.CancelAfter(TimeSpan.FromMilliseconds(300));
            var stopwatch = Stopwatch.StartNew();

            // Act
            Exception ex = Record.Exception(
                () => session.Api.Send(HttpMethod.Get, ListPath, null, log.Context(cancellation.Token)));

            // Assert
            Assert.IsAssignableFrom<OperationCanceledException>(ex);
            Assert.IsNotType<DsccTimeoutException>(ex);
            Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(1.3), "took " + stopwatch.Elapsed);
            Assert.Single(fake.ApiRequests);
            Assert.Equal(1, fake.CancelledRequests);
            Assert.Empty(RetryLine.In(log.Verbose));
            Assert.Equal(0, session.Statistics.Retries);
        }

        [Fact]
        public void ShouldStopPromptlyWhenCancelledWhileTokenRenewalWaits()
        {
            // Arrange: the token endpoint is rate limited for 30 s when the token is due for renewal.
            var fake = new FakeDscc();
            fake.Route(
                HttpMethod.Get,
                ListPath,
                FakeAnswer.Ok(new JObject { ["items"] = new JArray(), ["total"] = 0 }));
            var clock = new FakeClock();
            using DsccSession session = TestSessions.Open(fake, clock, retry: Retries.Fast(maxAttempts: 5));
            fake.TokenAnswersFirst(
                FakeAnswer.Json((HttpStatusCode)429, new JObject { ["error"] = "slow down" })
                    .WithHeader("Retry-After", "30"));
            clock.Advance(TimeSpan.FromHours(2));
            using var cancellation = new CancellationTokenSource();
            cancellation.CancelAfter(TimeSpan.FromMilliseconds(300));
            var stopwatch = Stopwatch.StartNew();

            // Act
            Exception ex = Record.Exception(
                () => session.Api.Send(HttpMethod.Get, ListPath, null, new CallLog().Context(cancellation.Token)));

            // Assert
            Assert.IsAssignableFrom<OperationCanceledException>(ex);
            Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(1.3), "took " + stopwatch.Elapsed);
            Assert.Equal(2, fake.TokenRequests.Count);
            Assert.Empty(fake.ApiRequests);
        }

        [Fact]
        public void ShouldReportTimeoutNamingUriAndNotRepeatCreateWhenResponseStalls()
        {
            // Arrange: the headers of the POST answer arrive, the body never does; retries are on.
            var fake = new FakeDscc().Route(HttpMethod.Post, CreatePath, FakeAnswer.StallBody());
            using DsccSession session = TestSessions.Open(
                fake, timeout: TimeSpan.FromMilliseconds(500), retry: Retries.Tiny(maxAttempts: 5));
            var stopwatch = Stopwatch.StartNew();

            // Act
            var ex = Assert.Throws<DsccTimeoutException>(() => session.Api.Send(
                HttpMethod.Post,
                CreatePath,
                new JObject { ["name"] = "vol-a", ["sizeMib"] = 1024 },
                DsccCallContext.Silent));

            // Assert: a timeout that names the URI, after one POST only.
            Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(1.5), "took " + stopwatch.Elapsed);
            Assert.Equal(new Uri(FakeDscc.BaseUri, CreatePath), ex.RequestUri);
            Assert.Contains("https://dscc.mock.test" + CreatePath, ex.Message, StringComparison.Ordinal);
            Assert.Contains("POST", ex.Message, StringComparison.Ordinal);
            RecordedRequest sent = Assert.Single(fake.ApiRequests);
            Assert.Equal("vol-a", (string)sent.JsonBody["name"]);
            Assert.Equal(0, session.Statistics.Retries);
            Assert.Equal(1, session.Statistics.Failures);
        }
    }
}
