using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Security;
using System.Text;
using System.Threading;

namespace DsccPowerShell.Engine.Auth
{
    /// <summary>
    /// The current token of one API client, shared by every session of this process that uses that client.
    /// DSCC invalidates a client's previous token whenever it issues a new one, so two sessions of one client
    /// that each kept their own token would knock each other out at every renewal; sharing one token avoids that,
    /// and leaves 401-renewal for tokens taken by other processes.
    /// </summary>
    internal sealed class SharedTokenCache
    {
        private static readonly object RegistryGate = new object();
        private static readonly Dictionary<string, SharedTokenCache> Registry =
            new Dictionary<string, SharedTokenCache>(StringComparer.Ordinal);

        private static readonly byte[] FingerprintKey = NewFingerprintKey();

        private readonly SemaphoreSlim _renewalGate = new SemaphoreSlim(1, 1);
        private readonly string _key;
        private AccessToken _current;
        private long _tokensIssued;
        private int _users;

        private SharedTokenCache(string key)
        {
            _key = key;
        }

        public AccessToken Current => Volatile.Read(ref _current);

        public long TokensIssued => Interlocked.Read(ref _tokensIssued);

        /// <summary>
        /// Returns the cache of this token endpoint, client and secret, creating it on first use. A rotated secret
        /// gives a new cache, since the old secret can no longer renew.
        /// </summary>
        public static SharedTokenCache Acquire(Uri tokenUri, string clientId, SecureString secret)
        {
            string key = tokenUri.AbsoluteUri + "\n" + clientId + "\n" + Fingerprint(secret);
            lock (RegistryGate)
            {
                if (!Registry.TryGetValue(key, out SharedTokenCache cache))
                {
                    cache = new SharedTokenCache(key);
                    Registry.Add(key, cache);
                }

                cache._users++;
                return cache;
            }
        }

        /// <summary>Returns a cache that no other session shares; for sessions over a test's own handler.</summary>
        public static SharedTokenCache CreatePrivate() => new SharedTokenCache(key: null) { _users = 1 };

        /// <summary>Forgets the cache when its last session ends, so a later connect starts with a new token.</summary>
        public void Release()
        {
            lock (RegistryGate)
            {
                _users--;
                if (_users == 0 && _key != null)
                {
                    Registry.Remove(_key);
                }
            }
        }

        /// <summary>
        /// Runs <paramref name="fetch"/> to replace <paramref name="rejected"/>, one caller at a time; a caller
        /// that finds the token already replaced by someone else, and still fresh, gets that one instead.
        /// </summary>
        public AccessToken Replace(
            AccessToken rejected,
            Func<AccessToken, bool> isFresh,
            Func<AccessToken> fetch,
            CancellationToken cancellation)
        {
            _renewalGate.Wait(cancellation);
            try
            {
                AccessToken current = _current;
                bool someoneElseRenewed = current != null && !ReferenceEquals(current, rejected);
                if (someoneElseRenewed && isFresh(current))
                {
                    return current;
                }

                AccessToken fresh = fetch();
                Volatile.Write(ref _current, fresh);
                Interlocked.Increment(ref _tokensIssued);
                return fresh;
            }
            finally
            {
                _renewalGate.Release();
            }
        }

        // Keyed with a random per-process key so that the registry never holds anything a secret could be
        // guessed from, not even a plain hash.
        private static string Fingerprint(SecureString secret)
        {
            using (var hmac = new HMACSHA256(FingerprintKey))
            {
                byte[] hash = hmac.ComputeHash(Encoding.UTF8.GetBytes(SecretText.Read(secret)));
                return Convert.ToBase64String(hash);
            }
        }

        private static byte[] NewFingerprintKey()
        {
            var key = new byte[32];
            using (RandomNumberGenerator random = RandomNumberGenerator.Create())
            {
                random.GetBytes(key);
            }

            return key;
        }
    }
}
