using System;
using System.Management.Automation;
using DsccPowerShell.Engine;
using DsccPowerShell.Engine.Sessions;
using DsccPowerShell.Engine.Storage;

namespace DsccPowerShell.Cmdlets.StorageSystems
{
    /// <summary>Gets storage systems of every device type from DSCC's generic view.</summary>
    [Cmdlet(VerbsCommon.Get, "DsccStorageSystem", DefaultParameterSetName = ListSet)]
    [OutputType(typeof(PSObject))]
    public sealed class GetDsccStorageSystemCommand : DsccSessionCmdlet
    {
        private const string ListSet = "List";
        private const string ByIdSet = "ById";

        /// <summary>Gets or sets names to match; wildcards are allowed and case does not matter.</summary>
        [Parameter(ParameterSetName = ListSet, Position = 0)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[] Name { get; set; }

        /// <summary>Gets or sets the ids of the systems to get.</summary>
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
                foreach (string systemId in Id)
                {
                    WriteSystem(session, systemId, context);
                }

                return;
            }

            var names = MatchNames(Name);
            try
            {
                foreach (PSObject system in DsccStorageSystems.List(session, query: null, context))
                {
                    if (names.IsMatch(system))
                    {
                        WriteObject(system);
                    }
                }
            }
            catch (Exception ex) when (IsEngineFailure(ex))
            {
                WriteEngineError(ex, target: null);
                return;
            }

            foreach (string missing in names.Unmatched)
            {
                WriteError(new ErrorRecord(
                    new ItemNotFoundException("No storage system is named '" + missing + "'."),
                    ErrorIdPrefix + "NameNotFound",
                    ErrorCategory.ObjectNotFound,
                    missing));
            }
        }

        private void WriteSystem(DsccSession session, string systemId, DsccCallContext context)
        {
            try
            {
                WriteObject(DsccStorageSystems.Get(session, systemId, context));
            }
            catch (Exception ex) when (IsEngineFailure(ex))
            {
                WriteEngineError(ex, systemId);
            }
        }
    }
}
