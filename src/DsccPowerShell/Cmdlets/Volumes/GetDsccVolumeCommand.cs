using System;
using System.Management.Automation;
using DsccPowerShell.Engine;
using DsccPowerShell.Engine.Paging;
using DsccPowerShell.Engine.Sessions;
using DsccPowerShell.Engine.Storage;

namespace DsccPowerShell.Cmdlets.Volumes
{
    /// <summary>
    /// Gets volumes of every device type: all of them, one system's, by name or by id. Storage systems piped in
    /// give their volumes; volumes piped in are read again. Each page's volumes go down the pipeline as soon as
    /// the page arrives.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "DsccVolume", DefaultParameterSetName = ListSet)]
    [OutputType(typeof(PSObject))]
    public sealed class GetDsccVolumeCommand : DsccSessionCmdlet
    {
        private const string ListSet = "List";
        private const string ByIdSet = "ById";
        private const string PipelineSet = "InputObject";

        private NameMatcher _names;

        /// <summary>Gets or sets the system whose volumes to list; all systems when not given.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateNotNullOrEmpty]
        public string SystemId { get; set; }

        /// <summary>
        /// Gets or sets names to match. Wildcards match in any case. A single plain name is filtered by DSCC
        /// itself, so finding one volume among many is one request, and DSCC compares it case for case.
        /// </summary>
        [Parameter(ParameterSetName = ListSet, Position = 0)]
        [Parameter(ParameterSetName = PipelineSet, Position = 0)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[] Name { get; set; }

        /// <summary>Gets or sets the ids of the volumes to get.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ByIdSet)]
        [ValidateNotNullOrEmpty]
        public string[] Id { get; set; }

        /// <summary>Gets or sets a storage system (its volumes are listed) or a volume (it is read again).</summary>
        [Parameter(Mandatory = true, ParameterSetName = PipelineSet, ValueFromPipeline = true)]
        [ValidateNotNull]
        public PSObject InputObject { get; set; }

        /// <inheritdoc/>
        protected override void BeginProcessing() => _names = MatchNames(Name);

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            DsccSession session = ResolveSession();
            DsccCallContext context = CreateCallContext();
            switch (ParameterSetName)
            {
                case ByIdSet:
                    foreach (string volumeId in Id)
                    {
                        WriteVolume(session, volumeId, context);
                    }

                    break;
                case PipelineSet:
                    ProcessInputObject(session, context);
                    break;
                default:
                    WriteVolumes(session, SystemId, context);
                    break;
            }
        }

        /// <inheritdoc/>
        protected override void EndProcessing()
        {
            // Reported once all input is seen: a name found on any piped system is found.
            foreach (string missing in _names.Unmatched)
            {
                WriteError(new ErrorRecord(
                    new ItemNotFoundException("No volume is named '" + missing + "'" + OnSystem() + "." + CaseHint()),
                    ErrorIdPrefix + "NameNotFound",
                    ErrorCategory.ObjectNotFound,
                    missing));
            }
        }

        private void ProcessInputObject(DsccSession session, DsccCallContext context)
        {
            string id = InputObject.Properties["id"]?.Value as string;
            if (InputObject.TypeNames.Contains(DsccTypeNames.Volume) && id != null)
            {
                if (_names.IsMatch(InputObject))
                {
                    WriteVolume(session, id, context);
                }
            }
            else if (InputObject.TypeNames.Contains(DsccTypeNames.StorageSystem) && id != null)
            {
                WriteVolumes(session, id, context);
            }
            else
            {
                WriteError(new ErrorRecord(
                    new PSArgumentException("Pipe storage systems or volumes from this module, or use -SystemId."),
                    ErrorIdPrefix + "UnsupportedInput",
                    ErrorCategory.InvalidType,
                    InputObject));
            }
        }

        private void WriteVolumes(DsccSession session, string systemId, DsccCallContext context)
        {
            try
            {
                foreach (PSObject volume in DsccVolumes.List(session, systemId, ServerFilter(_names), context))
                {
                    if (_names.IsMatch(volume))
                    {
                        WriteObject(volume);
                    }
                }
            }
            catch (Exception ex) when (IsEngineFailure(ex))
            {
                _names.ListFailed();
                WriteEngineError(ex, systemId);
            }
        }

        private static DsccQuery ServerFilter(NameMatcher names)
        {
            string name = names.SinglePlainName;
            string literal = name == null ? null : DsccQuery.QuoteFilterLiteral(name);
            return literal == null ? null : new DsccQuery().Add("filter", "name eq " + literal);
        }

        // A single plain name is filtered by DSCC, which compares it case for case; PowerShell users expect any case.
        private string CaseHint() => _names.SinglePlainName == null
            ? string.Empty
            : " DSCC compares a single name case for case; a wildcard such as '" + _names.SinglePlainName +
              "*' matches in any case.";

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
