using System;

namespace DsccPowerShell.Engine.Auth
{
    /// <summary>
    /// A bearer token and when to stop using it. The value is only ever put into an Authorization header;
    /// ToString hides it so no log line or error can show it by accident.
    /// </summary>
    internal sealed class AccessToken
    {
        public AccessToken(string value, DateTimeOffset expiresOn, DateTimeOffset renewAfter)
        {
            Value = value;
            ExpiresOn = expiresOn;
            RenewAfter = renewAfter;
        }

        public string Value { get; }

        /// <summary>Gets when the token service said the token expires; MaxValue when it did not say.</summary>
        public DateTimeOffset ExpiresOn { get; }

        /// <summary>Gets when to ask for a new token, a safety margin before <see cref="ExpiresOn"/>.</summary>
        public DateTimeOffset RenewAfter { get; }

        public override string ToString() => "AccessToken (expires " + ExpiresOn.ToString("o") + ")";
    }
}
