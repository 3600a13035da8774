using System;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using Polly;

namespace DsccPowerShell.Engine.Http
{
    /// <summary>Which failures are worth another attempt, and which headers say when.</summary>
    internal static class TransientFailure
    {
        /// <summary>
        /// 429 and 503 mean DSCC did not process the request, so any request may be repeated. 502, 504 and a broken
        /// connection leave it unknown whether a write happened, so only repeatable requests are tried again: a
        /// create must never run twice.
        /// </summary>
        public static bool ShouldRetry(
            Outcome<RawResponse> outcome,
            DsccRequestKind kind,
            CancellationToken callerCancellation)
        {
            if (callerCancellation.IsCancellationRequested)
            {
                return false;
            }

            if (outcome.Exception != null)
            {
                return kind.IsRepeatable && outcome.Exception is DsccConnectionException;
            }

            switch ((int)outcome.Result.StatusCode)
            {
                case 429:
                case 503:
                    return true;
                case 502:
                case 504:
                    return kind.IsRepeatable;
                default:
                    return false;
            }
        }

        public static string Describe(Outcome<RawResponse> outcome, string method, string path)
        {
            if (outcome.Exception != null)
            {
                return outcome.Exception.Message;
            }

            return string.Format(
                CultureInfo.CurrentCulture,
                "{0} {1} answered {2} {3}",
                method,
                path,
                (int)outcome.Result.StatusCode,
                outcome.Result.ReasonPhrase);
        }
    }

    /// <summary>Reads how long a server asks a client to wait: Retry-After, else a ratelimit-reset header.</summary>
    internal static class RetryHeaders
    {
        // Above this a reset value is an epoch time, not a number of seconds.
        private const long EpochThreshold = 1000000000;

        public static TimeSpan? Read(HttpResponseMessage response, DateTimeOffset now)
        {
            RetryConditionHeaderValue retryAfter = response.Headers.RetryAfter;
            if (retryAfter?.Delta != null)
            {
                return NotNegative(retryAfter.Delta.Value);
            }

            if (retryAfter?.Date != null)
            {
                return NotNegative(retryAfter.Date.Value - now);
            }

            // Header names compare without regard to case, so RateLimit-Reset and ratelimit-reset both match.
            foreach (string name in new[] { "ratelimit-reset", "x-ratelimit-reset" })
            {
                if (response.Headers.TryGetValues(name, out var values) &&
                    long.TryParse(
                        string.Join(",", values).Split(',')[0].Trim(),
                        NumberStyles.Integer,
                        CultureInfo.InvariantCulture,
                        out long reset))
                {
                    return reset > EpochThreshold
                        ? NotNegative(DateTimeOffset.FromUnixTimeSeconds(reset) - now)
                        : NotNegative(TimeSpan.FromSeconds(reset));
                }
            }

            return null;
        }

        private static TimeSpan NotNegative(TimeSpan value) => value < TimeSpan.Zero ? TimeSpan.Zero : value;
    }
}
