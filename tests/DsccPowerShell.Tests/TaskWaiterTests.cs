using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Net.Http;
using System.Threading;
using DsccPowerShell.Engine;
using DsccPowerShell.Engine.Http;
using DsccPowerShell.Engine.Sessions;
using DsccPowerShell.Engine.Storage;
using DsccPowerShell.Engine.Tasks;
using DsccPowerShell.Tests.Fakes;
using Newtonsoft.Json.Linq;
using Xunit;

namespace DsccPowerShell.Tests
{
    /// <summary>Following DSCC tasks to their end (field lessons 16 and 17).</summary>
    public sealed class TaskWaiterTests
    {
        private const string TaskId = "22222222-2222-2222-2222-222222222222";
        private const string TaskPath = "/api/v1/tasks/" + TaskId;
        private static readonly TimeSpan Generous = TimeSpan.FromSeconds(20);

        private static JObject State(string state, int percent, double? pollSeconds = null)
        {
            var task = new JObject
            {
                ["name"] = "Create volume vol-a",
                ["state"] = state,
                ["progressPercent"] = percent,
            };
            if (pollSeconds != null)
            {
                task["suggestedPollingIntervalSeconds"] = pollSeconds.Value;
            }

            return task;
        }

        [Theory]
        [InlineData("/api/v1/tasks/" + TaskId)]
        [InlineData("/rest/vega/v1/tasks/" + TaskId)]
        [InlineData(TaskId)]
        [InlineData("https://dscc.mock.test/api/v1/tasks/" + TaskId + "/")]
        public void ShouldPollApiTaskPathForEveryReferenceForm(string taskReference)
        {
            // Arrange
            var fake = new FakeDscc().TaskStates(TaskId, State("SUCCEEDED", 100));
            using DsccSession session = TestSessions.Open(fake);

            // Act
            PSObject task = DsccTaskWaiter.Wait(session, taskReference, Generous, null, DsccCallContext.Silent);

            // Assert
            Assert.Equal(TaskId, DsccTaskWaiter.GetTaskId(taskReference));
            RecordedRequest poll = Assert.Single(fake.ApiRequests);
            Assert.Equal(HttpMethod.Get, poll.Method);
            Assert.Equal(new Uri(FakeDscc.BaseUri, TaskPath), poll.Uri);
            Assert.Equal(TaskId, task.Properties["id"].Value);
            Assert.Equal(DsccTaskWaiter.TaskTypeName, task.TypeNames[0]);
        }

        [Fact]
        public void ShouldReturnTaskAndReportProgressUntilSucceeded()
        {
            // Arrange: the engine's shortest poll is 0.5 s, so this test waits about 1 s.
            var fake = new FakeDscc().TaskStates(
                TaskId,
                State("RUNNING", 40, 0),
                State("RUNNING", 70, 0),
                State("SUCCEEDED", 100, 0));
            using DsccSession session = TestSessions.Open(fake);
            var progress = new List<DsccTaskProgress>();

            // Act
            PSObject task = DsccTaskWaiter.Wait(session, TaskPath, Generous, progress.Add, DsccCallContext.Silent);

            // Assert
            Assert.Equal("SUCCEEDED", task.Properties["state"].Value);
            Assert.Equal(3, fake.ApiRequests.Count);
            Assert.All(fake.ApiRequests, r => Assert.Equal(TaskPath, r.Path));
            Assert.Equal(
                new[] { "RUNNING 40", "RUNNING 70", "SUCCEEDED 100" },
                progress.Select(p => p.State + " " + p.PercentComplete));
            Assert.All(progress, p => Assert.Equal(TaskId, p.TaskId));
        }

        [Fact]
        public void ShouldTreatSucceededBelow100PercentAsSuccess()
        {
            // Arrange
            var fake = new FakeDscc().TaskStates(TaskId, State("SUCCEEDED", 40));
            using DsccSession session = TestSessions.Open(fake);
            var progress = new List<DsccTaskProgress>();

            // Act
            PSObject task = DsccTaskWaiter.Wait(session, TaskId, Generous, progress.Add, DsccCallContext.Silent);

            // Assert
            Assert.Equal("SUCCEEDED", task.Properties["state"].Value);
            Assert.Equal(40L, task.Properties["progressPercent"].Value);
            Assert.Equal(40, Assert.Single(progress).PercentComplete);
            Assert.Single(fake.ApiRequests);
        }

        [Fact]
        public void ShouldThrowTaskErrorWhenFailed()
        {
            // Arrange
            JObject failed = State("FAILED", 100);
            failed["error"] = new JObject { ["error"] = "CPG full", ["errorCode"] = "E1", ["traceId"] = "t-3" };
            var fake = new FakeDscc().TaskStates(TaskId, failed);
            using DsccSession session = TestSessions.Open(fake);

            // Act
            var ex = Assert.Throws<DsccTaskFailedException>(
                () => DsccTaskWaiter.Wait(session, TaskPath, Generous, null, DsccCallContext.Silent));

            // Assert
            Assert.Contains("CPG full", ex.Message, StringComparison.Ordinal);
            Assert.Contains("E1", ex.Message, StringComparison.Ordinal);
            Assert.Equal("FAILED", ex.State);
            Assert.Equal(TaskId, ex.TaskId);
            Assert.Equal(TaskId, ex.Task.Properties["id"].Value);
            Assert.Single(fake.ApiRequests);
        }

        [Fact]
        public void ShouldFailASucceededTaskWhoseSubTaskFailed()
        {
            // Arrange: the parent succeeded; the sub-task it lists (in the spec's internal URI form) failed.
            const string ChildId = "33333333-3333-3333-3333-333333333333";
            JObject parent = State("SUCCEEDED", 100);
            parent["childTasks"] = new JArray(new JObject
            {
                ["name"] = "Export volume vol-a",
                ["resourceUri"] = "/rest/vega/v1/tasks/" + ChildId,
                ["type"] = "task",
            });
            JObject child = State("FAILED", 100);
            child["name"] = "Export volume vol-a";
            child["error"] = new JObject { ["error"] = "host group gone", ["errorCode"] = "E7", ["traceId"] = "t-7" };
            var fake = new FakeDscc().TaskStates(TaskId, parent).TaskStates(ChildId, child);
            using DsccSession session = TestSessions.Open(fake);

            // Act
            var ex = Assert.Throws<DsccTaskFailedException>(
                () => DsccTaskWaiter.Wait(session, TaskPath, Generous, null, DsccCallContext.Silent));

            // Assert: the error is the parent's, carries the sub-task's reason, and both tasks were read once.
            Assert.Equal(TaskId, ex.TaskId);
            Assert.Equal("FAILED", ex.State);
            Assert.Contains("ended SUCCEEDED", ex.Message, StringComparison.Ordinal);
            Assert.Contains(ChildId, ex.Message, StringComparison.Ordinal);
            Assert.Contains("host group gone (errorCode E7)", ex.Message, StringComparison.Ordinal);
            Assert.Equal(TaskId, ex.Task.Properties["id"].Value);
            Assert.Equal(
                new[] { TaskPath, "/api/v1/tasks/" + ChildId },
                fake.ApiRequests.Select(r => r.Path));
        }

        [Fact]
        public void ShouldFollowRunningSubTasksAndWarnOfPoorHealth()
        {
            // Arrange: the sub-task is still running when the parent says SUCCEEDED with health WARNING.
            const string ChildId = "44444444-4444-4444-4444-444444444444";
            JObject parent = State("SUCCEEDED", 100);
            parent["healthStatus"] = "WARNING";
            parent["childTasks"] = new JArray(
                new JObject { ["name"] = "child", ["resourceUri"] = "/api/v1/tasks/" + ChildId, ["type"] = "task" },
                new JObject { ["name"] = "self", ["resourceUri"] = TaskPath, ["type"] = "task" });
            var fake = new FakeDscc()
                .TaskStates(TaskId, parent)
                .TaskStates(ChildId, State("RUNNING", 50, 0), State("SUCCEEDED", 100, 0));
            var log = new CallLog();
            using DsccSession session = TestSessions.Open(fake);

            // Act
            PSObject task = DsccTaskWaiter.Wait(session, TaskPath, Generous, null, log.Context());

            // Assert: the parent is returned after the sub-task ended; a self reference is not followed.
            Assert.Equal(TaskId, task.Properties["id"].Value);
            Assert.Equal(
                new[] { TaskPath, "/api/v1/tasks/" + ChildId, "/api/v1/tasks/" + ChildId },
                fake.ApiRequests.Select(r => r.Path));
            string warning = Assert.Single(log.Warnings);
            Assert.Contains("health status WARNING", warning, StringComparison.Ordinal);
        }

        [Fact]
        public void ShouldThrowWhenTaskTimedOut()
        {
            // Arrange
            var fake = new FakeDscc().TaskStates(TaskId, State("TIMEDOUT", 60));
            using DsccSession session = TestSessions.Open(fake);

            // Act
            var ex = Assert.Throws<DsccTaskFailedException>(
                () => DsccTaskWaiter.Wait(session, TaskPath, Generous, null, DsccCallContext.Silent));

            // Assert
            Assert.Equal("TIMEDOUT", ex.State);
            Assert.Contains("TIMEDOUT", ex.Message, StringComparison.Ordinal);
            Assert.Contains(TaskId, ex.Message, StringComparison.Ordinal);
            Assert.Single(fake.ApiRequests);
        }

        [Fact]
        public void ShouldTimeOutWhenTaskStaysRunning()
        {
            // Arrange
            var fake = new FakeDscc().TaskStates(TaskId, State("RUNNING", 10, 1));
            using DsccSession session = TestSessions.Open(fake);
            var stopwatch = Stopwatch.StartNew();

            // Act
            var ex = Assert.Throws<DsccTimeoutException>(
                () => DsccTaskWaiter.Wait(
                    session, TaskPath, TimeSpan.FromMilliseconds(50), null, DsccCallContext.Silent));

            // Assert
            Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(2), "took " + stopwatch.Elapsed);
            Assert.Contains(TaskId, ex.Message, StringComparison.Ordinal);
            Assert.Contains("RUNNING", ex.Message, StringComparison.Ordinal);
            Assert.Equal(new Uri(FakeDscc.BaseUri, TaskPath), ex.RequestUri);

            // One poll at the start and one at the deadline, never a poll past it.
            Assert.Equal(2, fake.ApiRequests.Count);
        }

        [Fact]
        public void ShouldWaitOutWholeTimeoutWhenSuggestedPollIsLonger()
        {
            // Arrange: DSCC suggests polling every 30 s; the caller allows the task 1 s.
            var fake = new FakeDscc().TaskStates(TaskId, State("RUNNING", 10, 30), State("SUCCEEDED", 100, 30));
            using DsccSession session = TestSessions.Open(fake);
            var stopwatch = Stopwatch.StartNew();

            // Act
            Exception ex = Record.Exception(
                () => DsccTaskWaiter.Wait(session, TaskPath, TimeSpan.FromSeconds(1), null, DsccCallContext.Silent));

            // Assert: either the task was seen to succeed by a poll at the deadline, or the timeout error is
            // true when it says the task was still running "after 1 seconds".
            TimeSpan elapsed = stopwatch.Elapsed;
            Assert.True(elapsed < TimeSpan.FromSeconds(3), "took " + elapsed);
            if (ex != null)
            {
                Assert.IsType<DsccTimeoutException>(ex);
                Assert.True(
                    elapsed >= TimeSpan.FromSeconds(0.9),
                    "gave up after " + elapsed.TotalMilliseconds + " ms but said: " + ex.Message);
            }
            else
            {
                Assert.Equal(2, fake.ApiRequests.Count);
            }
        }

        [Fact]
        public void ShouldWarnAndTimeOutWhenTaskIsPaused()
        {
            // Arrange
            var fake = new FakeDscc().TaskStates(TaskId, State("PAUSED", 40, 1));
            using DsccSession session = TestSessions.Open(fake);
            var log = new CallLog();

            // Act
            var ex = Assert.Throws<DsccTimeoutException>(
                () => DsccTaskWaiter.Wait(session, TaskPath, TimeSpan.FromMilliseconds(50), null, log.Context()));

            // Assert
            Assert.Contains("PAUSED", ex.Message, StringComparison.Ordinal);
            Assert.Contains("PAUSED", Assert.Single(log.Warnings), StringComparison.Ordinal);
            Assert.Equal(2, fake.ApiRequests.Count);
        }

        [Fact]
        public void ShouldStopWaitingPromptlyWhenCancelled()
        {
            // Arrange: DSCC suggests polling every 30 s; the caller presses Ctrl+C after 200 ms.
            var fake = new FakeDscc().TaskStates(TaskId, State("RUNNING", 10, 30));
            using DsccSession session = TestSessions.Open(fake);
            using var cancellation = new CancellationTokenSource();
            var log = new CallLog();
            cancellation.CancelAfter(TimeSpan.FromMilliseconds(200));
            var stopwatch = Stopwatch.StartNew();

            // Act
            Exception ex = Record.Exception(
                () => DsccTaskWaiter.Wait(
                    session, TaskPath, TimeSpan.FromMinutes(5), null, log.Context(cancellation.Token)));

            // Assert
            Assert.IsAssignableFrom<OperationCanceledException>(ex);
            Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(1.2), "took " + stopwatch.Elapsed);
            Assert.Single(fake.ApiRequests);
        }

        [Fact]
        public void ShouldReadCreatedVolumeFromAssociatedResources()
        {
            // Arrange
            var fake = new FakeDscc();
            fake.Route(
                HttpMethod.Get,
                "/api/v1/volumes/abc123",
                FakeAnswer.Ok(new JObject { ["id"] = "abc123", ["name"] = "vol-a", ["sizeMiB"] = 1024 }));
            using DsccSession session = TestSessions.Open(fake);
            var task = DsccTaskWaiterTestData.Task(
                "{\"state\":\"SUCCEEDED\",\"associatedResources\":[" +
                "{\"type\":\"storage-systems\",\"resourceUri\":\"/api/v1/storage-systems/SYS1\"}," +
                "{\"type\":\"volume-sets\",\"resourceUri\":\"/api/v1/volume-sets/vs-9\"}," +
                "{\"type\":\"volumes\",\"resourceUri\":\"/api/v1/volumes/abc123\"}]}");

            // Act
            PSObject volume = DsccVolumes.GetCreatedVolume(
                session, DsccTaskWaiterTestData.Plan("vol-a"), task, DsccCallContext.Silent);

            // Assert
            Assert.Equal("abc123", volume.Properties["id"].Value);
            Assert.Equal(DsccTypeNames.Volume, volume.TypeNames[0]);
            RecordedRequest get = Assert.Single(fake.ApiRequests);
            Assert.Equal("/api/v1/volumes/abc123", get.Path);
        }

        [Fact]
        public void ShouldFindCreatedVolumeByNameWhenTaskListsNone()
        {
            // Arrange
            var fake = new FakeDscc().List(
                "/api/v1/storage-systems/SYS1/volumes",
                count: 1,
                serverPageSize: 50,
                item: _ => new JObject { ["id"] = "def456", ["name"] = "vol b" });
            using DsccSession session = TestSessions.Open(fake);
            PSObject task = DsccTaskWaiterTestData.Task("{\"state\":\"SUCCEEDED\"}");

            // Act
            PSObject volume = DsccVolumes.GetCreatedVolume(
                session, DsccTaskWaiterTestData.Plan("vol b"), task, DsccCallContext.Silent);

            // Assert
            Assert.Equal("def456", volume.Properties["id"].Value);
            RecordedRequest list = Assert.Single(fake.ApiRequests);
            Assert.Equal("/api/v1/storage-systems/SYS1/volumes", list.Path);
            Assert.Equal("name eq 'vol b'", list.Query("filter"));
        }
    }

    internal static class DsccTaskWaiterTestData
    {
        public static PSObject Task(string json) =>
            Engine.Json.DsccJson.ToPSObject(JObject.Parse(json), DsccTaskWaiter.TaskTypeName);

        public static VolumeCreatePlan Plan(string volumeName) =>
            new VolumeCreatePlan(
                new NewVolumeRequest { SystemId = "SYS1", Name = volumeName, SizeMiB = 1024, Pool = "SSD_r6" },
                DeviceType.DeviceType1,
                "/api/v1/storage-systems/device-type1/SYS1/volumes",
                new JObject { ["name"] = volumeName, ["sizeMib"] = 1024, ["userCpg"] = "SSD_r6" });
    }
}
