using System;

namespace DsccPowerShell.Engine.Auth
{
    /// <summary>Where a session's bearer tokens come from.</summary>
    internal interface ITokenSource
    {
        /// <summary>Gets the expiry of the current token, or null before the first one.</summary>
        DateTimeOffset? ExpiresOn { get; }

        /// <summary>Gets how many tokens the source has obtained.</summary>
        long TokensIssued { get; }

        /// <summary>Gets whether the source can get a new token by itself.</summary>
        bool CanRenew { get; }

        /// <summary>Returns a token that is not near expiry.</summary>
        AccessToken GetToken(DsccCallContext context);

        /// <summary>Replaces a token DSCC refused, unless another request already did.</summary>
        AccessToken Renew(DsccCallContext context, AccessToken rejected);
    }
}
