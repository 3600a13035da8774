using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using DsccPowerShell.Engine;
using DsccPowerShell.Engine.Sessions;
using DsccPowerShell.Tests.Fakes;
using Newtonsoft.Json.Linq;
using Xunit;

namespace DsccPowerShell.Tests
{
    /// <summary>
    /// PowerShell lets a cmdlet write Verbose, Debug and Warning records only from its pipeline thread, so every
    /// callback the engine makes, retries and renewals included, must run on the thread that called it.
    /// </summary>
    public sealed class CallingThreadTests
    {
        private const string ListPath = "/api/v1/volumes";

        [Fact]
        public void ShouldReportRetriesAndRenewalOnCallingThread()
        {
            // Arrange: every answer arrives asynchronously (after a timer), so continuations run on pool threads.
            var delay = TimeSpan.FromMilliseconds(15);
            var fake = new FakeDscc();
            fake.TokenAnswersFirst(
                FakeAnswer.Json((HttpStatusCode)429, new JObject { ["error"] = "slow down" })
                    .WithHeader("Retry-After", "0")
                    .After(delay));
            fake.Sequence(
                HttpMethod.Get,
                ListPath,
                FakeAnswer.DsccError(HttpStatusCode.ServiceUnavailable, "busy", "503", "t-1").After(delay),
                FakeAnswer.DsccError((HttpStatusCode)429, "slow down", "429", "t-2")
                    .WithHeader("Retry-After", "0")
                    .After(delay),
                FakeAnswer.DsccError(HttpStatusCode.Unauthorized, "Unauthorized", "401", "t-3").After(delay),
                FakeAnswer.Ok(new JObject { ["items"] = new JArray(), ["total"] = 0 }).After(delay));
            var lines = new ConcurrentQueue<(int Thread, string Stream, string Line)>();
            DsccCallContext Context() => new DsccCallContext(
                CancellationToken.None,
                timeout: null,
                verbose: l => lines.Enqueue((Environment.CurrentManagedThreadId, "verbose", l)),
                debug: l => lines.Enqueue((Environment.CurrentManagedThreadId, "debug", l)),
                warning: l => lines.Enqueue((Environment.CurrentManagedThreadId, "warning", l)));
            int callerThread = 0;
            JToken result = null;
            Exception failure = null;

            // Act: on a dedicated thread, as a PowerShell pipeline thread would be.
            var pipelineThread = new Thread(() =>
            {
                callerThread = Environment.CurrentManagedThreadId;
                try
                {
                    using DsccSession session = TestSessions.Open(
                        fake, context: Context(), retry: Retries.Tiny(maxAttempts: 4));
                    result = session.Api.Send(HttpMethod.Get, ListPath, body: null, Context());
                }
                catch (Exception ex)
                {
                    failure = ex;
                }
            });
            pipelineThread.Start();
            Assert.True(pipelineThread.Join(TimeSpan.FromSeconds(20)), "the call did not finish");

            // Assert: the call worked through a token retry, two API retries and one renewal.
            Assert.Null(failure);
            Assert.Equal(0, (int)result["total"]);
            Assert.Equal(3, fake.TokenRequests.Count);
            Assert.Equal(
                new[] { "Bearer tok-1", "Bearer tok-1", "Bearer tok-1", "Bearer tok-2" },
                fake.ApiRequests.Select(r => r.Authorization));

            // Assert: every line, retry and renewal lines included, came on the caller's thread.
            var all = lines.ToArray();
            Assert.Equal(3, RetryLine.In(all.Select(l => l.Line)).Count);
            Assert.Contains(all, l => l.Line.Contains("renewing", StringComparison.OrdinalIgnoreCase));
            Assert.Contains(all, l => l.Stream == "debug");
            Assert.All(all, l => Assert.True(
                l.Thread == callerThread,
                l.Stream + " line written on thread " + l.Thread + " instead of " + callerThread + ": " + l.Line));
        }
    }
}
