using System;
using System.Globalization;
using System.Management.Automation;
using DsccPowerShell.Engine;
using DsccPowerShell.Engine.Http;
using DsccPowerShell.Engine.Sessions;
using DsccPowerShell.Engine.Storage;
using DsccPowerShell.Engine.Tasks;

namespace DsccPowerShell.Cmdlets.Volumes
{
    /// <summary>
    /// Creates a volume on a storage system of any supported device type, waits for DSCC's task to finish and
    /// returns the new volume. With -NoWait it returns the task instead.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "DsccVolume", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(PSObject))]
    public sealed class NewDsccVolumeCommand : DsccSessionCmdlet
    {
        private static int _lastProgressId;

        /// <summary>Gets or sets the id of the system to create the volume on.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string SystemId { get; set; }

        /// <summary>Gets or sets the name of the new volume.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; }

        /// <summary>Gets or sets the size in MiB.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateRange(1L, long.MaxValue)]
        public long SizeMiB { get; set; }

        // Not bound from a piped pool: a pool's "name" would have to bind here, and -Name is the volume's. A piped
        // pool gives its systemId only, so -Pool is still needed.

        /// <summary>
        /// Gets or sets the pool: the CPG on device-type1 and device-type4 (required there); a pool on
        /// device-type2, where the array's default pool is used when it is left out. A name in any case or an id.
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [Alias("Cpg")]
        public string Pool { get; set; }

        /// <summary>Gets or sets whether to return DSCC's task at once instead of waiting for the volume.</summary>
        [Parameter]
        public SwitchParameter NoWait { get; set; }

        /// <summary>Gets or sets how long, in seconds, to wait for DSCC's task to finish.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int TaskTimeoutSec { get; set; } = 600;

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            string target = string.Format(
                CultureInfo.CurrentCulture, "Volume '{0}' ({1} MiB) on storage system {2}", Name, SizeMiB, SystemId);
            if (!ShouldProcess(target, "Create"))
            {
                return;
            }

            DsccSession session = ResolveSession();
            DsccCallContext context = CreateCallContext();
            var request = new NewVolumeRequest { SystemId = SystemId, Name = Name, SizeMiB = SizeMiB, Pool = Pool };
            try
            {
                VolumeCreatePlan plan = DsccVolumes.PlanCreate(session, request, context);
                WriteVerbose(string.Format(
                    CultureInfo.CurrentCulture,
                    "Storage system {0} is {1}; creating the volume through {2}.",
                    SystemId,
                    plan.DeviceType.PathSegment(),
                    plan.Path));

                string taskUri = DsccVolumes.SubmitCreate(session, plan, context);
                try
                {
                    FollowCreate(session, plan, taskUri, context);
                }
                catch (Exception ex) when (IsEngineFailure(ex) && !EndsTheStory(ex))
                {
                    // The create is in DSCC's hands; a failure to follow it says nothing of whether it worked.
                    string taskId = DsccTaskWaiter.GetTaskId(taskUri);
                    WriteEngineError(ex, Name, string.Format(
                        CultureInfo.CurrentCulture,
                        "DSCC had accepted the create as task {0}, so the volume may still be made: follow GET " +
                        "/api/v1/tasks/{0}, or look for volume '{1}', before trying again.",
                        taskId,
                        Name));
                }
            }
            catch (Exception ex) when (IsEngineFailure(ex))
            {
                WriteEngineError(ex, Name);
            }
        }

        /// <summary>A failed task, or a task the wait ran out on, already tells what became of the create.</summary>
        private static bool EndsTheStory(Exception failure) =>
            failure is DsccTaskFailedException || (failure is DsccTimeoutException timeout && timeout.TaskId != null);

        private void FollowCreate(DsccSession session, VolumeCreatePlan plan, string taskUri, DsccCallContext context)
        {
            if (NoWait)
            {
                WriteObject(DsccTaskWaiter.GetTask(session, DsccTaskWaiter.GetTaskId(taskUri), context));
                return;
            }

            PSObject task = WaitWithProgress(session, taskUri, context);
            WriteObject(DsccVolumes.GetCreatedVolume(session, plan, task, context));
        }

        private PSObject WaitWithProgress(DsccSession session, string taskUri, DsccCallContext context)
        {
            var progress = new ProgressRecord(
                System.Threading.Interlocked.Increment(ref _lastProgressId),
                "Creating volume '" + Name + "' on storage system " + SystemId,
                "Submitted");
            string lastReport = null;
            try
            {
                return DsccTaskWaiter.Wait(
                    session,
                    taskUri,
                    TimeSpan.FromSeconds(TaskTimeoutSec),
                    observed =>
                    {
                        string report = string.Format(
                            CultureInfo.CurrentCulture,
                            "Task {0}: {1} {2}%",
                            observed.TaskId,
                            observed.State,
                            observed.PercentComplete);
                        if (report != lastReport)
                        {
                            WriteVerbose(report);
                            lastReport = report;
                        }

                        progress.StatusDescription = report;
                        progress.PercentComplete = observed.PercentComplete;
                        WriteProgress(progress);
                    },
                    context);
            }
            finally
            {
                progress.RecordType = ProgressRecordType.Completed;
                WriteProgress(progress);
            }
        }
    }
}
