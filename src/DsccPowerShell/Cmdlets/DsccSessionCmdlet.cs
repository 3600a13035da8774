using System;
using System.Management.Automation;
using DsccPowerShell.Engine.Sessions;

namespace DsccPowerShell.Cmdlets
{
    /// <summary>A cmdlet that calls DSCC through a session: -Session, or the default one.</summary>
    public abstract class DsccSessionCmdlet : DsccCmdlet
    {
        /// <summary>Gets or sets the session to use. Defaults to the one Connect-Dscc made last.</summary>
        [Parameter]
        [ValidateNotNull]
        public DsccSession Session { get; set; }

        /// <summary>
        /// Gets or sets the time limit in seconds of each request this command makes; the session's when not given.
        /// </summary>
        [Parameter]
        [ValidateRange(1, DsccSession.MaxTimeoutSeconds)]
        public int TimeoutSec { get; set; }

        /// <inheritdoc/>
        protected override TimeSpan? RequestTimeout =>
            TimeoutSec > 0 ? TimeSpan.FromSeconds(TimeoutSec) : (TimeSpan?)null;

        /// <summary>Returns -Session, or the default session; stops the cmdlet when there is neither.</summary>
        protected DsccSession ResolveSession()
        {
            DsccSession session = Session ?? DsccSessionStore.Default;
            if (session == null)
            {
                ThrowTerminatingError(new ErrorRecord(
                    new InvalidOperationException("Not connected to DSCC. Run Connect-Dscc first, or pass -Session."),
                    ErrorIdPrefix + "NotConnected",
                    ErrorCategory.ConnectionError,
                    targetObject: null));
            }

            if (session.IsClosed)
            {
                ThrowTerminatingError(new ErrorRecord(
                    new InvalidOperationException(
                        "Session " + session.Id + " was disconnected. Run Connect-Dscc, or pass an open -Session."),
                    ErrorIdPrefix + "SessionClosed",
                    ErrorCategory.InvalidOperation,
                    session));
            }

            return session;
        }
    }
}
