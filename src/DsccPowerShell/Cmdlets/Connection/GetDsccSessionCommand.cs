using System.Management.Automation;
using DsccPowerShell.Engine.Sessions;

namespace DsccPowerShell.Cmdlets.Connection
{
    /// <summary>Lists the open DSCC sessions; IsDefault tells which one cmdlets use when given none.</summary>
    [Cmdlet(VerbsCommon.Get, "DsccSession")]
    [OutputType(typeof(DsccSession))]
    public sealed class GetDsccSessionCommand : PSCmdlet
    {
        /// <summary>Gets or sets whether to return only the default session.</summary>
        [Parameter]
        public SwitchParameter Default { get; set; }

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            if (Default)
            {
                DsccSession session = DsccSessionStore.Default;
                if (session != null)
                {
                    WriteObject(session);
                }

                return;
            }

            foreach (DsccSession session in DsccSessionStore.All)
            {
                WriteObject(session);
            }
        }
    }
}
