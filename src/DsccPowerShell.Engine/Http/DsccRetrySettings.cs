using System;

namespace DsccPowerShell.Engine.Http
{
    /// <summary>
    /// How hard a session tries again after a transient failure (429, 503, 502, 504, a dropped link).
    /// </summary>
    public sealed class DsccRetrySettings
    {
        /// <summary>Gets or sets how many attempts a request gets in all, the first one included.</summary>
        public int MaxAttempts { get; set; } = 5;

        /// <summary>
        /// Gets or sets the longest time one request may spend waiting between attempts in all; a retry whose
        /// wait would go past it is not made, and the last failure is reported instead.
        /// </summary>
        public TimeSpan MaxTotalWait { get; set; } = TimeSpan.FromSeconds(120);

        /// <summary>Gets or sets the first back-off delay when DSCC does not say how long to wait.</summary>
        public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

        /// <summary>
        /// Gets or sets the longest back-off wait; a Retry-After or ratelimit-reset is waited in full.
        /// </summary>
        public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(60);

        internal DsccRetrySettings Clone() => (DsccRetrySettings)MemberwiseClone();
    }
}
