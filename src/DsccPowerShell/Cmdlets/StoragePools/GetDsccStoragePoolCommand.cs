using System;
using System.Management.Automation;
using DsccPowerShell.Engine;
using DsccPowerShell.Engine.Sessions;
using DsccPowerShell.Engine.Storage;

namespace DsccPowerShell.Cmdlets.StoragePools
{
    /// <summary>
    /// Gets the storage pools of a system (CPGs on device-type1 and device-type4), for instance to choose the
    /// -Pool of New-DsccVolume.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "DsccStoragePool")]
    [OutputType(typeof(PSObject))]
    public sealed class GetDsccStoragePoolCommand : DsccSessionCmdlet
    {
        /// <summary>Gets or sets the system whose pools to list; a piped storage system binds here.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string SystemId { get; set; }

        /// <summary>Gets or sets names to match, case-insensitively and with wildcards.</summary>
        [Parameter(Position = 0)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[] Name { get; set; }

        private NameMatcher _names;

        /// <inheritdoc/>
        protected override void BeginProcessing() => _names = MatchNames(Name);

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            DsccSession session = ResolveSession();
            DsccCallContext context = CreateCallContext();
            try
            {
                foreach (PSObject pool in DsccStorageSystems.ListPools(session, SystemId, context))
                {
                    if (_names.IsMatch(pool))
                    {
                        WriteObject(pool);
                    }
                }
            }
            catch (Exception ex) when (IsEngineFailure(ex))
            {
                _names.ListFailed();
                WriteEngineError(ex, SystemId);
            }
        }

        /// <inheritdoc/>
        protected override void EndProcessing()
        {
            // Reported once all input is seen: a name found on any piped system is found.
            foreach (string missing in _names.Unmatched)
            {
                WriteError(new ErrorRecord(
                    new ItemNotFoundException("No pool is named '" + missing + "'."),
                    ErrorIdPrefix + "NameNotFound",
                    ErrorCategory.ObjectNotFound,
                    missing));
            }
        }
    }
}
