using System;
using System.Diagnostics;
using System.Net.Http;
using System.Threading;
using DsccPowerShell.Engine;
using DsccPowerShell.Engine.Http;
using DsccPowerShell.Engine.Sessions;
using DsccPowerShell.Engine.Storage;
using DsccPowerShell.Tests.Fakes;
using Xunit;

namespace DsccPowerShell.Tests
{
    /// <summary>Per-request time limits, and Ctrl+C told apart from a timeout (style habit 6).</summary>
    public sealed class TimeoutTests
    {
        private const string VolumePath = "/api/v1/volumes/vol-1";

        [Fact]
        public void ShouldThrowTimeoutNamingUriWhenServerNeverAnswers()
        {
            // Arrange
            var fake = new FakeDscc().Route(HttpMethod.Get, VolumePath, FakeAnswer.Hang());
            using DsccSession session = TestSessions.Open(fake, timeout: TimeSpan.FromSeconds(1));
            var stopwatch = Stopwatch.StartNew();

            // Act
            var ex = Assert.Throws<DsccTimeoutException>(
                () => DsccVolumes.Get(session, "vol-1", DsccCallContext.Silent));

            // Assert
            Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(2), "took " + stopwatch.Elapsed);
            Assert.True(stopwatch.Elapsed >= TimeSpan.FromSeconds(0.9), "gave up early: " + stopwatch.Elapsed);
            Assert.Contains("https://dscc.mock.test" + VolumePath, ex.Message, StringComparison.Ordinal);
            Assert.Equal(new Uri(FakeDscc.BaseUri, VolumePath), ex.RequestUri);
            Assert.Single(fake.ApiRequests);
            Assert.Equal(1, fake.CancelledRequests);
        }

        [Fact]
        public void ShouldUseCallTimeoutOverSessionTimeout()
        {
            // Arrange: the session allows 30 s, this call only 300 ms.
            var fake = new FakeDscc().Route(HttpMethod.Get, VolumePath, FakeAnswer.Hang());
            using DsccSession session = TestSessions.Open(fake, timeout: TimeSpan.FromSeconds(30));
            var log = new CallLog();
            var stopwatch = Stopwatch.StartNew();

            // Act
            var ex = Assert.Throws<DsccTimeoutException>(
                () => DsccVolumes.Get(session, "vol-1", log.Context(timeout: TimeSpan.FromMilliseconds(300))));

            // Assert
            Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(1.5), "took " + stopwatch.Elapsed);
            Assert.Equal(new Uri(FakeDscc.BaseUri, VolumePath), ex.RequestUri);
            Assert.Single(fake.ApiRequests);
        }

        [Fact]
        public void ShouldTimeOutWhenResponseBodyStalls()
        {
            // Arrange: headers arrive at once, the body never finishes.
            var fake = new FakeDscc().Route(HttpMethod.Get, VolumePath, FakeAnswer.StallBody());
            using DsccSession session = TestSessions.Open(fake, timeout: TimeSpan.FromSeconds(1));
            var stopwatch = Stopwatch.StartNew();

            // Act
            var ex = Assert.Throws<DsccTimeoutException>(
                () => DsccVolumes.Get(session, "vol-1", DsccCallContext.Silent));

            // Assert
            Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(2), "took " + stopwatch.Elapsed);
            Assert.Equal(new Uri(FakeDscc.BaseUri, VolumePath), ex.RequestUri);
            Assert.Single(fake.ApiRequests);
        }

        [Fact]
        public void ShouldThrowCancellationNotTimeoutWhenCallerCancels()
        {
            // Arrange
            var fake = new FakeDscc().Route(HttpMethod.Get, VolumePath, FakeAnswer.Hang());
            using DsccSession session = TestSessions.Open(fake, timeout: TimeSpan.FromSeconds(30));
            using var cancellation = new CancellationTokenSource();
            var log = new CallLog();
            cancellation.CancelAfter(TimeSpan.FromMilliseconds(200));
            var stopwatch = Stopwatch.StartNew();

            // Act
            Exception ex = Record.Exception(
                () => DsccVolumes.Get(session, "vol-1", log.Context(cancellation.Token)));

            // Assert
            Assert.IsAssignableFrom<OperationCanceledException>(ex);
            Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(1.5), "took " + stopwatch.Elapsed);
            Assert.Single(fake.ApiRequests);
            Assert.Equal(1, fake.CancelledRequests);
        }

        [Fact]
        public void ShouldAnswerSlowServerWithinTimeLimit()
        {
            // Arrange: a slow but timely answer is not a timeout.
            var fake = new FakeDscc().Route(
                HttpMethod.Get,
                VolumePath,
                FakeAnswer.Ok(new Newtonsoft.Json.Linq.JObject { ["id"] = "vol-1" })
                    .After(TimeSpan.FromMilliseconds(150)));
            using DsccSession session = TestSessions.Open(fake, timeout: TimeSpan.FromSeconds(2));

            // Act
            var volume = DsccVolumes.Get(session, "vol-1", DsccCallContext.Silent);

            // Assert
            Assert.Equal("vol-1", volume.Properties["id"].Value);
            Assert.Single(fake.ApiRequests);
            Assert.Equal(0, fake.CancelledRequests);
        }
    }
}
