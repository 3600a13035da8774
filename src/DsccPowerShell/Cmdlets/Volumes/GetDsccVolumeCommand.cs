using System;
using System.Management.Automation;
using DsccPowerShell.Engine;
using DsccPowerShell.Engine.Paging;
using DsccPowerShell.Engine.Sessions;
using DsccPowerShell.Engine.Storage;

namespace DsccPowerShell.Cmdlets.Volumes
{
    /// <summary>
    /// Gets volumes of every device type: all of them, one system's (also piped from Get-DsccStorageSystem),
    /// by name or by id. Each page's volumes go down the pipeline as soon as the page arrives.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "DsccVolume", DefaultParameterSetName = ListSet)]
    [OutputType(typeof(PSObject))]
    public sealed class GetDsccVolumeCommand : DsccSessionCmdlet
    {
        private const string ListSet = "List";
        private const string ByIdSet = "ById";

        /// <summary>Gets or sets the system whose volumes to list; all systems when not given.</summary>
        [Parameter(ParameterSetName = ListSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string SystemId { get; set; }

        /// <summary>
        /// Gets or sets names to match, case-insensitively and with wildcards. A single plain name is filtered by
        /// DSCC itself, so finding one volume among many is one request.
        /// </summary>
        [Parameter(ParameterSetName = ListSet, Position = 0)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[] Name { get; set; }

        /// <summary>Gets or sets the ids of the volumes to get.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ByIdSet)]
        [ValidateNotNullOrEmpty]
        public string[] Id { get; set; }

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            DsccSession session = ResolveSession();
            DsccCallContext context = CreateCallContext();
            if (ParameterSetName == ByIdSet)
            {
                foreach (string volumeId in Id)
                {
                    WriteVolume(session, volumeId, context);
                }

                return;
            }

            var names = new NameMatcher(Name);
            try
            {
                foreach (PSObject volume in DsccVolumes.List(session, SystemId, ServerFilter(names), context))
                {
                    if (names.IsMatch(volume))
                    {
                        WriteObject(volume);
                    }
                }
            }
            catch (Exception ex) when (IsEngineFailure(ex))
            {
                ThrowEngineError(ex, SystemId);
            }

            foreach (string missing in names.Unmatched)
            {
                WriteError(new ErrorRecord(
                    new ItemNotFoundException("No volume is named '" + missing + "'" + OnSystem() + "."),
                    ErrorIdPrefix + "NameNotFound",
                    ErrorCategory.ObjectNotFound,
                    missing));
            }
        }

        /// <summary>
        /// DSCC compares names exactly, so its filter is only a first cut; the matcher then applies PowerShell's
        /// case-insensitive rule. A name in another case than stored is therefore only found by a wildcard.
        /// </summary>
        private static DsccQuery ServerFilter(NameMatcher names)
        {
            string literal = names.SinglePlainName == null ? null : DsccQuery.QuoteFilterLiteral(names.SinglePlainName);
            return literal == null ? null : new DsccQuery().Add("filter", "name eq " + literal);
        }

        private string OnSystem() => SystemId == null ? string.Empty : " on system " + SystemId;

        private void WriteVolume(DsccSession session, string volumeId, DsccCallContext context)
        {
            try
            {
                WriteObject(DsccVolumes.Get(session, volumeId, context));
            }
            catch (Exception ex) when (IsEngineFailure(ex))
            {
                WriteEngineError(ex, volumeId);
            }
        }
    }
}
