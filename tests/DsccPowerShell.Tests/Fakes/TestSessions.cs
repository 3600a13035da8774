using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security;
using System.Threading;
using DsccPowerShell.Engine;
using DsccPowerShell.Engine.Http;
using DsccPowerShell.Engine.Sessions;

namespace DsccPowerShell.Tests.Fakes
{
    /// <summary>Opens engine sessions over a <see cref="FakeDscc"/> and a <see cref="FakeClock"/>.</summary>
    internal static class TestSessions
    {
        public const string ClientId = "cid-0001";

        /// <summary>A recognisable secret with every character form encoding can get wrong.</summary>
        public const string Secret = "s3cr&t+v=l% ue";

        public static DsccSession Open(
            FakeDscc fake,
            FakeClock clock = null,
            string secret = Secret,
            TimeSpan? timeout = null,
            DsccCallContext context = null,
            DsccRetrySettings retry = null)
        {
            clock = clock ?? new FakeClock();
            var settings = new DsccConnectionSettings
            {
                BaseUri = FakeDscc.BaseUri,
                TokenUri = FakeDscc.TokenUri,
                ClientId = ClientId,
                ClientSecret = ToSecureString(secret),
                Timeout = timeout ?? TimeSpan.FromSeconds(10),

                // One attempt unless a test is about retries, so request counts stay exact elsewhere.
                Transport = new DsccTransportOptions { Retry = retry ?? new DsccRetrySettings { MaxAttempts = 1 } },
            };
            return DsccSession.Open(settings, context ?? DsccCallContext.Silent, () => fake, () => clock.UtcNow);
        }

        /// <summary>
        /// Opens a session from settings a test built itself (access token, other URIs) over the fake.
        /// </summary>
        public static DsccSession Open(
            DsccConnectionSettings settings,
            FakeDscc fake,
            FakeClock clock = null,
            DsccCallContext context = null)
        {
            clock = clock ?? new FakeClock();
            return DsccSession.Open(settings, context ?? DsccCallContext.Silent, () => fake, () => clock.UtcNow);
        }

        /// <summary>
        /// Settings for a session opened with a token obtained elsewhere (Connect-Dscc -AccessToken).
        /// </summary>
        public static DsccConnectionSettings AccessTokenSettings(string token, DsccRetrySettings retry = null) =>
            new DsccConnectionSettings
            {
                BaseUri = FakeDscc.BaseUri,
                AccessToken = ToSecureString(token),
                Timeout = TimeSpan.FromSeconds(10),
                Transport = new DsccTransportOptions { Retry = retry ?? new DsccRetrySettings { MaxAttempts = 1 } },
            };

        public static SecureString ToSecureString(string text)
        {
            var secure = new SecureString();
            foreach (char c in text)
            {
                secure.AppendChar(c);
            }

            secure.MakeReadOnly();
            return secure;
        }
    }

    /// <summary>Collects everything an engine call reports, and builds the context that reports to it.</summary>
    internal sealed class CallLog
    {
        private readonly ConcurrentQueue<string> _verbose = new ConcurrentQueue<string>();
        private readonly ConcurrentQueue<string> _debug = new ConcurrentQueue<string>();
        private readonly ConcurrentQueue<string> _warnings = new ConcurrentQueue<string>();

        public IReadOnlyList<string> Verbose => _verbose.ToArray();

        public IReadOnlyList<string> Debug => _debug.ToArray();

        public IReadOnlyList<string> Warnings => _warnings.ToArray();

        public IEnumerable<string> All => Verbose.Concat(Debug).Concat(Warnings);

        public DsccCallContext Context(CancellationToken cancellation = default, TimeSpan? timeout = null) =>
            new DsccCallContext(cancellation, timeout, _verbose.Enqueue, _debug.Enqueue, _warnings.Enqueue);
    }

    /// <summary>Sets CurrentCulture and CurrentUICulture for a block and puts the old ones back.</summary>
    internal sealed class CultureScope : IDisposable
    {
        private readonly CultureInfo _culture;
        private readonly CultureInfo _uiCulture;

        public CultureScope(string name)
        {
            _culture = CultureInfo.CurrentCulture;
            _uiCulture = CultureInfo.CurrentUICulture;
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(name);
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);
        }

        public void Dispose()
        {
            CultureInfo.CurrentCulture = _culture;
            CultureInfo.CurrentUICulture = _uiCulture;
        }
    }
}
