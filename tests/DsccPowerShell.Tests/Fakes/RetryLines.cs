using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using DsccPowerShell.Engine;
using DsccPowerShell.Engine.Http;

namespace DsccPowerShell.Tests.Fakes
{
    /// <summary>
    /// One "…; waiting N s before attempt k of m." Verbose line, as the engine writes it before a retry.
    /// </summary>
    internal sealed class RetryLine
    {
        private static readonly Regex Pattern = new Regex(
            @"waiting (?<seconds>\d+(?:[.,]\d+)?) s before attempt (?<attempt>\d+) of (?<of>\d+)",
            RegexOptions.CultureInvariant);

        private RetryLine(string text, double seconds, int attempt, int of)
        {
            Text = text;
            Seconds = seconds;
            Attempt = attempt;
            Of = of;
        }

        public string Text { get; }

        /// <summary>Gets the wait the engine announced, as printed (one decimal).</summary>
        public double Seconds { get; }

        /// <summary>Gets the attempt the wait comes before (2 for the first retry).</summary>
        public int Attempt { get; }

        public int Of { get; }

        public static bool TryParse(string line, out RetryLine parsed)
        {
            Match match = Pattern.Match(line ?? string.Empty);
            parsed = null;
            if (!match.Success)
            {
                return false;
            }

            parsed = new RetryLine(
                line,
                double.Parse(match.Groups["seconds"].Value.Replace(',', '.'), CultureInfo.InvariantCulture),
                int.Parse(match.Groups["attempt"].Value, CultureInfo.InvariantCulture),
                int.Parse(match.Groups["of"].Value, CultureInfo.InvariantCulture));
            return true;
        }

        public static IReadOnlyList<RetryLine> In(IEnumerable<string> lines) =>
            lines.Select(l => TryParse(l, out RetryLine r) ? r : null).Where(r => r != null).ToArray();

        public override string ToString() => Text;
    }

    /// <summary>
    /// A call context that records Verbose lines and cancels the call as soon as the engine announces the wait
    /// before <see cref="CancelBeforeAttempt"/>: the announced wait can be asserted without sitting through it.
    /// </summary>
    internal sealed class CancelAtRetry : IDisposable
    {
        private readonly CancellationTokenSource _cancellation = new CancellationTokenSource();
        private readonly ConcurrentQueue<string> _verbose = new ConcurrentQueue<string>();

        public CancelAtRetry(int cancelBeforeAttempt)
        {
            CancelBeforeAttempt = cancelBeforeAttempt;
            Context = new DsccCallContext(
                _cancellation.Token,
                timeout: null,
                verbose: line =>
                {
                    _verbose.Enqueue(line);
                    if (RetryLine.TryParse(line, out RetryLine retry) && retry.Attempt == CancelBeforeAttempt)
                    {
                        _cancellation.Cancel();
                    }
                });
        }

        public int CancelBeforeAttempt { get; }

        public DsccCallContext Context { get; }

        public IReadOnlyList<string> Verbose => _verbose.ToArray();

        /// <summary>Gets the announced wait before <see cref="CancelBeforeAttempt"/>.</summary>
        public RetryLine Announced => RetryLine.In(Verbose).Single(r => r.Attempt == CancelBeforeAttempt);

        public void Dispose() => _cancellation.Dispose();
    }

    /// <summary>Retry settings for tests: real attempts, waits short enough for a unit test.</summary>
    internal static class Retries
    {
        /// <summary>
        /// Back-off of about a millisecond; Retry-After values up to a minute are honoured unchanged.
        /// </summary>
        public static DsccRetrySettings Fast(int maxAttempts = 4, double maxDelaySeconds = 60) =>
            new DsccRetrySettings
            {
                MaxAttempts = maxAttempts,
                BaseDelay = TimeSpan.FromMilliseconds(1),
                MaxDelay = TimeSpan.FromSeconds(maxDelaySeconds),
                MaxTotalWait = TimeSpan.FromSeconds(120),
            };

        /// <summary>Every wait is at most 5 ms, whatever the server asks for.</summary>
        public static DsccRetrySettings Tiny(int maxAttempts = 4) =>
            new DsccRetrySettings
            {
                MaxAttempts = maxAttempts,
                BaseDelay = TimeSpan.FromMilliseconds(1),
                MaxDelay = TimeSpan.FromMilliseconds(5),
                MaxTotalWait = TimeSpan.FromSeconds(10),
            };
    }
}
