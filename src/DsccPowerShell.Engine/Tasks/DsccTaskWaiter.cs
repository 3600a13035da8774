using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;
using System.Net.Http;
using DsccPowerShell.Engine.Http;
using DsccPowerShell.Engine.Json;
using DsccPowerShell.Engine.Sessions;
using Newtonsoft.Json.Linq;

namespace DsccPowerShell.Engine.Tasks
{
    /// <summary>One observation of a running task, for progress reporting.</summary>
    public sealed class DsccTaskProgress
    {
        internal DsccTaskProgress(string taskId, string state, int percentComplete)
        {
            TaskId = taskId;
            State = state;
            PercentComplete = percentComplete;
        }

        /// <summary>Gets the task id.</summary>
        public string TaskId { get; }

        /// <summary>Gets the task state, such as RUNNING.</summary>
        public string State { get; }

        /// <summary>Gets the progress DSCC reported, 0 to 100.</summary>
        public int PercentComplete { get; }
    }

    /// <summary>A task ended FAILED or TIMEDOUT; the message is the task's own error text.</summary>
    [Serializable]
    public sealed class DsccTaskFailedException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public DsccTaskFailedException(string message, string taskId, string state, PSObject task)
            : base(message)
        {
            TaskId = taskId;
            State = state;
            Task = task;
        }

        /// <summary>Gets the task id.</summary>
        public string TaskId { get; }

        /// <summary>Gets the final state.</summary>
        public string State { get; }

        /// <summary>Gets the task as DSCC last reported it.</summary>
        public PSObject Task { get; }
    }

    /// <summary>Follows a DSCC task (GET /api/v1/tasks/{id}) until it ends.</summary>
    public static class DsccTaskWaiter
    {
        /// <summary>The type name given to task objects.</summary>
        public const string TaskTypeName = "DsccPowerShell.Task";

        private static readonly TimeSpan ShortestPoll = TimeSpan.FromMilliseconds(500);
        private static readonly TimeSpan LongestPoll = TimeSpan.FromSeconds(30);

        /// <summary>
        /// Takes the task id from a task reference in any form DSCC uses: a bare id, /api/v1/tasks/{id}, or the
        /// internal /rest/vega/v1/tasks/{id} the spec's examples show.
        /// </summary>
        public static string GetTaskId(string taskUri)
        {
            if (string.IsNullOrWhiteSpace(taskUri))
            {
                throw new ArgumentException("The task reference is empty.", nameof(taskUri));
            }

            string path = taskUri.Trim();
            int query = path.IndexOfAny(new[] { '?', '#' });
            if (query >= 0)
            {
                path = path.Substring(0, query);
            }

            return path.TrimEnd('/').Substring(path.TrimEnd('/').LastIndexOf('/') + 1);
        }

        /// <summary>Gets a task once.</summary>
        public static PSObject GetTask(DsccSession session, string taskId, DsccCallContext context)
        {
            return DsccJson.ToPSObject(session.Api.GetObject(TaskPath(taskId), context), TaskTypeName);
        }

        /// <summary>
        /// Polls the task at DSCC's suggested interval until it is SUCCEEDED (returned) or FAILED or TIMEDOUT
        /// (thrown as <see cref="DsccTaskFailedException"/>). PAUSED and unknown states keep being polled and
        /// are reported, but never outlast <paramref name="timeout"/>. A SUCCEEDED task's sub-tasks are followed
        /// too, within the same time: one that failed fails the whole task.
        /// </summary>
        public static PSObject Wait(
            DsccSession session,
            string taskUri,
            TimeSpan timeout,
            Action<DsccTaskProgress> onProgress,
            DsccCallContext context)
        {
            string taskId = GetTaskId(taskUri);
            var followed = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { taskId };
            return Follow(session, taskId, timeout, Stopwatch.StartNew(), onProgress, context, followed);
        }

        private static PSObject Follow(
            DsccSession session,
            string taskId,
            TimeSpan timeout,
            Stopwatch elapsed,
            Action<DsccTaskProgress> onProgress,
            DsccCallContext context,
            HashSet<string> followed)
        {
            string lastReportedState = null;
            bool deadlineReached = false;
            while (true)
            {
                // A 500 here ends the wait like any failed read (the transport repeats only 429, 502, 503, 504 and
                // broken connections); New-DsccVolume then says the create was accepted and names the task.
                JObject task = session.Api.GetObject(TaskPath(taskId), context);
                string state = ((string)task["state"])?.ToUpperInvariant() ?? "UNSPECIFIED";
                int percent = ReadPercent(task);
                onProgress?.Invoke(new DsccTaskProgress(taskId, state, percent));

                switch (state)
                {
                    case "SUCCEEDED":
                        PSObject succeeded = DsccJson.ToPSObject(task, TaskTypeName);
                        FollowSubTasks(session, taskId, task, succeeded, timeout, elapsed, context, followed);
                        return succeeded;
                    case "FAILED":
                    case "TIMEDOUT":
                        throw new DsccTaskFailedException(
                            FailureMessage(taskId, state, task),
                            taskId,
                            state,
                            DsccJson.ToPSObject(task, TaskTypeName));
                    case "PAUSED":
                    case "UNSPECIFIED":
                        if (state != lastReportedState)
                        {
                            context.Warning(string.Format(
                                CultureInfo.CurrentCulture,
                                "Task {0} is {1}; waiting up to {2} seconds in all for it to go on.",
                                taskId,
                                state,
                                timeout.TotalSeconds));
                        }

                        break;
                }

                lastReportedState = state;
                TimeSpan remaining = timeout - elapsed.Elapsed;
                if (deadlineReached || remaining <= TimeSpan.Zero)
                {
                    throw new DsccTimeoutException(
                        string.Format(
                            CultureInfo.CurrentCulture,
                            "Task {0} was still {1} ({2}%) after {3} seconds. It goes on in DSCC: follow it " +
                            "at /api/v1/tasks/{0} before trying again.",
                            taskId,
                            state,
                            percent,
                            timeout.TotalSeconds),
                        "GET",
                        new Uri(session.BaseUri, TaskPath(taskId)),
                        taskId);
                }

                // A suggested interval longer than the time left still gets one last poll at the deadline.
                TimeSpan suggested = PollInterval(task);
                TimeSpan pause = suggested < remaining ? suggested : remaining;
                deadlineReached = pause == remaining;

                // Waiting on the token's handle wakes at once when the caller presses Ctrl+C.
                if (context.Cancellation.WaitHandle.WaitOne(pause))
                {
                    context.Cancellation.ThrowIfCancellationRequested();
                }
            }
        }

        /// <summary>
        /// A parent task can succeed while one of the sub-tasks it started failed (a volume made, its export
        /// refused), so each sub-task is followed to its end, and a health status other than OK is a warning.
        /// </summary>
        private static void FollowSubTasks(
            DsccSession session,
            string taskId,
            JObject task,
            PSObject succeeded,
            TimeSpan timeout,
            Stopwatch elapsed,
            DsccCallContext context,
            HashSet<string> followed)
        {
            foreach (JToken child in task["childTasks"] as JArray ?? new JArray())
            {
                string childUri = child.Type == JTokenType.Object ? (string)child["resourceUri"] : null;
                string childId = string.IsNullOrWhiteSpace(childUri) ? null : GetTaskId(childUri);
                if (childId == null || !followed.Add(childId))
                {
                    continue;
                }

                try
                {
                    Follow(session, childId, timeout, elapsed, null, context, followed);
                }
                catch (DsccTaskFailedException failedChild)
                {
                    string message = string.Format(
                        CultureInfo.CurrentCulture,
                        "Task {0} ({1}) ended SUCCEEDED, but not all of its work was done: {2}",
                        taskId,
                        TaskName(task),
                        failedChild.Message);
                    throw new DsccTaskFailedException(message, taskId, failedChild.State, succeeded);
                }
            }

            string health = ((string)task["healthStatus"])?.ToUpperInvariant();
            if (health == "ERROR" || health == "WARNING")
            {
                context.Warning(string.Format(
                    CultureInfo.CurrentCulture,
                    "Task {0} ({1}) ended SUCCEEDED with health status {2}; its log messages may say why.",
                    taskId,
                    TaskName(task),
                    health));
            }
        }

        private static string TaskName(JObject task) =>
            (string)task["displayName"] ?? (string)task["name"] ?? "unnamed";

        private static string TaskPath(string taskId) => "/api/v1/tasks/" + DsccPathSegment.Of(taskId, "task");

        private static int ReadPercent(JObject task)
        {
            JToken percent = task["progressPercent"];
            if (percent == null || (percent.Type != JTokenType.Integer && percent.Type != JTokenType.Float))
            {
                return 0;
            }

            return Math.Max(0, Math.Min(100, (int)(double)percent));
        }

        private static TimeSpan PollInterval(JObject task)
        {
            JToken suggested = task["suggestedPollingIntervalSeconds"];
            if (suggested == null || (suggested.Type != JTokenType.Integer && suggested.Type != JTokenType.Float))
            {
                return TimeSpan.FromSeconds(1);
            }

            TimeSpan interval = TimeSpan.FromSeconds((double)suggested);
            if (interval < ShortestPoll)
            {
                return ShortestPoll;
            }

            return interval > LongestPoll ? LongestPoll : interval;
        }

        private static string FailureMessage(string taskId, string state, JObject task)
        {
            JToken error = task["error"];
            string detail = null;
            if (error is JObject errorObject)
            {
                detail = (string)(errorObject["error"] ?? errorObject["message"]);
                string code = (string)errorObject["errorCode"];
                if (detail != null && code != null)
                {
                    detail += " (errorCode " + code + ")";
                }
            }
            else if (error != null && error.Type == JTokenType.String)
            {
                detail = (string)error;
            }

            return string.Format(
                CultureInfo.CurrentCulture,
                "Task {0} ({1}) ended {2}: {3}",
                taskId,
                TaskName(task),
                state,
                detail ?? "DSCC gave no reason.");
        }
    }
}
