using System.Threading;

namespace DsccPowerShell.Engine.Http
{
    /// <summary>What a session has done so far: for soak tests, and for admins wondering why a job was slow.</summary>
    public sealed class DsccSessionStatistics
    {
        private long _requests;
        private long _retries;
        private long _unauthorized;
        private long _failures;

        /// <summary>Gets the HTTP exchanges attempted, retries and token requests included.</summary>
        public long Requests => Interlocked.Read(ref _requests);

        /// <summary>Gets the attempts repeated after a transient failure.</summary>
        public long Retries => Interlocked.Read(ref _retries);

        /// <summary>Gets the requests DSCC refused with 401, each followed by one renewal.</summary>
        public long Unauthorized => Interlocked.Read(ref _unauthorized);

        /// <summary>Gets the calls that ended in an error after all attempts.</summary>
        public long Failures => Interlocked.Read(ref _failures);

        internal void CountRequest() => Interlocked.Increment(ref _requests);

        internal void CountRetry() => Interlocked.Increment(ref _retries);

        internal void CountUnauthorized() => Interlocked.Increment(ref _unauthorized);

        internal void CountFailure() => Interlocked.Increment(ref _failures);
    }
}
