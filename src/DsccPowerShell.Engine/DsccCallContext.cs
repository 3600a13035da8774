using System;
using System.Threading;

namespace DsccPowerShell.Engine
{
    /// <summary>
    /// What one engine call needs from its caller: a way to be cancelled, a time limit and somewhere to report.
    /// The engine is synchronous at its boundary, so the callbacks run on the caller's thread.
    /// </summary>
    public sealed class DsccCallContext
    {
        private readonly Action<string> _verbose;
        private readonly Action<string> _debug;
        private readonly Action<string> _warning;

        /// <summary>Creates a context.</summary>
        /// <param name="cancellation">Cancelled when the caller stops (Ctrl+C).</param>
        /// <param name="timeout">Time limit for each HTTP request; null uses the session's.</param>
        /// <param name="verbose">Receives one line per request.</param>
        /// <param name="debug">Receives request details with secrets redacted.</param>
        /// <param name="warning">Receives conditions the user should see.</param>
        public DsccCallContext(
            CancellationToken cancellation,
            TimeSpan? timeout = null,
            Action<string> verbose = null,
            Action<string> debug = null,
            Action<string> warning = null)
        {
            Cancellation = cancellation;
            Timeout = timeout;
            _verbose = verbose;
            _debug = debug;
            _warning = warning;
        }

        /// <summary>Gets a context that reports nothing and is never cancelled.</summary>
        public static DsccCallContext Silent { get; } = new DsccCallContext(CancellationToken.None);

        /// <summary>Gets the token that stops the call.</summary>
        public CancellationToken Cancellation { get; }

        /// <summary>Gets the per-request time limit chosen for this call, if any.</summary>
        public TimeSpan? Timeout { get; }

        internal bool WantsDebug => _debug != null;

        internal void Verbose(string message) => _verbose?.Invoke(message);

        internal void Debug(string message) => _debug?.Invoke(message);

        internal void Warning(string message) => _warning?.Invoke(message);
    }
}
