using System.Management.Automation;
using DsccPowerShell.Engine.Sessions;

namespace DsccPowerShell.Cmdlets.Connection
{
    /// <summary>Forgets a session (the default one unless told otherwise), or all of them.</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "Dscc", DefaultParameterSetName = OneSessionSet)]
    [OutputType(typeof(void))]
    public sealed class DisconnectDsccCommand : PSCmdlet
    {
        private const string OneSessionSet = "Session";
        private const string AllSessionsSet = "All";

        /// <summary>Gets or sets the session to end; the default session when not given.</summary>
        [Parameter(ParameterSetName = OneSessionSet, ValueFromPipeline = true)]
        [ValidateNotNull]
        public DsccSession Session { get; set; }

        /// <summary>Gets or sets whether to end every open session.</summary>
        [Parameter(Mandatory = true, ParameterSetName = AllSessionsSet)]
        public SwitchParameter All { get; set; }

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            if (All)
            {
                foreach (DsccSession open in DsccSessionStore.All)
                {
                    Forget(open);
                }

                return;
            }

            DsccSession session = Session ?? DsccSessionStore.Default;
            if (session == null)
            {
                WriteVerbose("There is no default DSCC session to disconnect.");
                return;
            }

            Forget(session);
        }

        private void Forget(DsccSession session)
        {
            if (DsccSessionStore.Remove(session))
            {
                WriteVerbose("Disconnected session " + session.Id + " (" + session + ").");
            }
        }
    }
}
