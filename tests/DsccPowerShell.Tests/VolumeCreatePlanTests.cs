using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using DsccPowerShell.Engine;
using DsccPowerShell.Engine.Sessions;
using DsccPowerShell.Engine.Storage;
using DsccPowerShell.Tests.Fakes;
using Newtonsoft.Json.Linq;
using Xunit;

namespace DsccPowerShell.Tests
{
    /// <summary>Volume create bodies per device type (field lessons 13, 14 and 24).</summary>
    public sealed class VolumeCreatePlanTests
    {
        private const string SystemId = "SYS0000001";
        private const string TaskUri = "/api/v1/tasks/11111111-1111-1111-1111-111111111111";
        private const long LargeSizeMiB = 3000000000L;

        private static FakeDscc FakeSystem(string productFamily)
        {
            var fake = new FakeDscc();
            fake.Route(
                HttpMethod.Get,
                "/api/v1/storage-systems/" + SystemId,
                FakeAnswer.Ok(new JObject
                {
                    ["id"] = SystemId,
                    ["name"] = "array-1",
                    ["productFamily"] = productFamily,
                }));
            foreach (string segment in new[] { "device-type1", "device-type2", "device-type4" })
            {
                fake.Route(
                    HttpMethod.Post,
                    "/api/v1/storage-systems/" + segment + "/" + SystemId + "/volumes",
                    FakeAnswer.Json(
                        HttpStatusCode.Accepted,
                        new JObject { ["taskUri"] = TaskUri, ["status"] = "SUBMITTED" }));
            }

            return fake;
        }

        private static string PoolId(int index) => "0a00000000000000000000000000000" + index;

        private static FakeDscc WithPools(FakeDscc fake, params string[] names)
        {
            return fake.List(
                "/api/v1/storage-systems/" + SystemId + "/storage-pools",
                count: names.Length,
                serverPageSize: 50,
                item: i => new JObject { ["id"] = PoolId(i), ["name"] = names[i] });
        }

        private static RecordedRequest SinglePost(FakeDscc fake) =>
            Assert.Single(fake.ApiRequests, r => r.Method == HttpMethod.Post);

        [Theory]
        [InlineData("deviceType1", DeviceType.DeviceType1, "device-type1")]
        [InlineData("deviceType4", DeviceType.DeviceType4, "device-type4")]
        public void ShouldPostCamelCaseBodyWithCpgForDeviceTypes1And4(
            string productFamily,
            DeviceType expectedType,
            string expectedSegment)
        {
            // Arrange: the CPG is named in another case; the body carries the array's own spelling.
            FakeDscc fake = WithPools(FakeSystem(productFamily), "FC_r5", "SSD_r6");
            using DsccSession session = TestSessions.Open(fake);
            var request = new NewVolumeRequest
            {
                SystemId = SystemId,
                Name = "vol-a",
                SizeMiB = LargeSizeMiB,
                Pool = "ssd_R6",
            };

            // Act
            VolumeCreatePlan plan = DsccVolumes.PlanCreate(session, request, DsccCallContext.Silent);
            string taskUri = DsccVolumes.SubmitCreate(session, plan, DsccCallContext.Silent);

            // Assert: what came back.
            Assert.Equal(TaskUri, taskUri);
            Assert.Equal(expectedType, plan.DeviceType);

            // Assert: what was sent.
            string expectedPath = "/api/v1/storage-systems/" + expectedSegment + "/" + SystemId + "/volumes";
            Assert.Equal(expectedPath, plan.Path);
            RecordedRequest post = SinglePost(fake);
            Assert.Equal(expectedPath, post.Path);
            Assert.StartsWith("application/json", post.ContentType, StringComparison.Ordinal);
            var expected = JObject.Parse("{\"name\":\"vol-a\",\"sizeMib\":3000000000,\"userCpg\":\"SSD_r6\"}");
            Assert.True(JToken.DeepEquals(expected, post.JsonBody), "body was " + post.Body);
            Assert.True(JToken.DeepEquals(expected, JToken.Parse(plan.BodyJson)), "plan body was " + plan.BodyJson);
            Assert.Equal(
                new[]
                {
                    "GET /api/v1/storage-systems/" + SystemId,
                    "GET /api/v1/storage-systems/" + SystemId + "/storage-pools",
                    "POST " + expectedPath,
                },
                fake.ApiRequests.Select(r => r.Method + " " + r.Path));
        }

        [Theory]
        [InlineData("deviceType1", "NOPE", "no CPG named or with id 'NOPE'. Its CPGs: SSD_r6, ssd_R6.")]
        [InlineData("deviceType4", "SSD_R6", "(several differ from it only in case)")]
        public void ShouldRefuseACpgTheSystemLacksWithoutPosting(string productFamily, string pool, string expected)
        {
            // Arrange
            FakeDscc fake = WithPools(FakeSystem(productFamily), "SSD_r6", "ssd_R6");
            using DsccSession session = TestSessions.Open(fake);
            var request = new NewVolumeRequest { SystemId = SystemId, Name = "vol-g", SizeMiB = 1024, Pool = pool };

            // Act
            var ex = Assert.Throws<ArgumentException>(
                () => DsccVolumes.PlanCreate(session, request, DsccCallContext.Silent));

            // Assert
            Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
            Assert.Contains(SystemId, ex.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(fake.ApiRequests, r => r.Method == HttpMethod.Post);
        }

        [Fact]
        public void ShouldTakeACpgByIdAndSendItsName()
        {
            // Arrange
            FakeDscc fake = WithPools(FakeSystem("deviceType1"), "FC_r5", "SSD_r6");
            using DsccSession session = TestSessions.Open(fake);
            var request = new NewVolumeRequest
            {
                SystemId = SystemId,
                Name = "vol-h",
                SizeMiB = 1024,
                Pool = PoolId(1),
            };

            // Act
            VolumeCreatePlan plan = DsccVolumes.PlanCreate(session, request, DsccCallContext.Silent);

            // Assert
            Assert.Equal("SSD_r6", (string)plan.Body["userCpg"]);
        }

        [Fact]
        public void ShouldPostSnakeCaseBodyWithResolvedPoolIdForDeviceType2()
        {
            // Arrange
            FakeDscc fake = FakeSystem("deviceType2");
            fake.List(
                "/api/v1/storage-systems/" + SystemId + "/storage-pools",
                count: 3,
                serverPageSize: 50,
                item: i => new JObject { ["id"] = PoolId(i), ["name"] = new[] { "default", "fast", "archive" }[i] });
            using DsccSession session = TestSessions.Open(fake);
            var request = new NewVolumeRequest { SystemId = SystemId, Name = "vol-b", SizeMiB = 1024, Pool = "fast" };

            // Act
            VolumeCreatePlan plan = DsccVolumes.PlanCreate(session, request, DsccCallContext.Silent);
            string taskUri = DsccVolumes.SubmitCreate(session, plan, DsccCallContext.Silent);

            // Assert
            Assert.Equal(TaskUri, taskUri);
            Assert.Equal(DeviceType.DeviceType2, plan.DeviceType);
            RecordedRequest post = SinglePost(fake);
            Assert.Equal("/api/v1/storage-systems/device-type2/" + SystemId + "/volumes", post.Path);
            var expected = new JObject { ["name"] = "vol-b", ["size"] = 1024, ["pool_id"] = PoolId(1) };
            Assert.True(JToken.DeepEquals(expected, post.JsonBody), "body was " + post.Body);
            Assert.Single(fake.ApiRequests, r => r.Path == "/api/v1/storage-systems/" + SystemId + "/storage-pools");
            Assert.Empty(fake.Unrouted);
        }

        [Fact]
        public void ShouldLeavePoolIdOutForDeviceType2WithoutPool()
        {
            // Arrange
            FakeDscc fake = FakeSystem("deviceType2");
            using DsccSession session = TestSessions.Open(fake);
            var request = new NewVolumeRequest { SystemId = SystemId, Name = "vol-c", SizeMiB = 2048 };

            // Act
            VolumeCreatePlan plan = DsccVolumes.PlanCreate(session, request, DsccCallContext.Silent);
            DsccVolumes.SubmitCreate(session, plan, DsccCallContext.Silent);

            // Assert
            RecordedRequest post = SinglePost(fake);
            var expected = JObject.Parse("{\"name\":\"vol-c\",\"size\":2048}");
            Assert.True(JToken.DeepEquals(expected, post.JsonBody), "body was " + post.Body);
            Assert.DoesNotContain(fake.ApiRequests, r => r.Path.EndsWith("/storage-pools", StringComparison.Ordinal));
        }

        [Fact]
        public void ShouldRefuseDeviceType1WithoutPoolBeforeAnyPost()
        {
            // Arrange
            FakeDscc fake = FakeSystem("deviceType1");
            using DsccSession session = TestSessions.Open(fake);
            var request = new NewVolumeRequest { SystemId = SystemId, Name = "vol-d", SizeMiB = 1024 };

            // Act
            var ex = Assert.Throws<ArgumentException>(
                () => DsccVolumes.PlanCreate(session, request, DsccCallContext.Silent));

            // Assert
            Assert.Contains(SystemId, ex.Message, StringComparison.Ordinal);
            Assert.Contains("device-type1", ex.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(fake.ApiRequests, r => r.Method == HttpMethod.Post);
            Assert.Single(fake.ApiRequests);
        }

        [Fact]
        public void ShouldRefuseUnknownDeviceTypeWithoutPosting()
        {
            // Arrange
            FakeDscc fake = FakeSystem("deviceType9");
            using DsccSession session = TestSessions.Open(fake);
            var request = new NewVolumeRequest { SystemId = SystemId, Name = "vol-e", SizeMiB = 1024, Pool = "SSD_r6" };

            // Act
            var ex = Assert.Throws<DsccUnsupportedDeviceTypeException>(
                () => DsccVolumes.PlanCreate(session, request, DsccCallContext.Silent));

            // Assert
            Assert.Equal(SystemId, ex.SystemId);
            Assert.Equal("deviceType9", ex.ProductFamily);
            Assert.Contains("deviceType9", ex.Message, StringComparison.Ordinal);
            Assert.Contains(SystemId, ex.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(fake.ApiRequests, r => r.Method == HttpMethod.Post);
            Assert.Equal("/api/v1/storage-systems/" + SystemId, Assert.Single(fake.ApiRequests).Path);
        }

        [Fact]
        public void ShouldRefuseUnknownPoolNameWithoutPosting()
        {
            // Arrange
            FakeDscc fake = FakeSystem("deviceType2");
            fake.List(
                "/api/v1/storage-systems/" + SystemId + "/storage-pools",
                count: 1,
                serverPageSize: 50,
                item: i => new JObject { ["id"] = "pool-id-0", ["name"] = "default" });
            using DsccSession session = TestSessions.Open(fake);
            var request = new NewVolumeRequest { SystemId = SystemId, Name = "vol-f", SizeMiB = 1024, Pool = "nope" };

            // Act
            var ex = Assert.Throws<ArgumentException>(
                () => DsccVolumes.PlanCreate(session, request, DsccCallContext.Silent));

            // Assert
            Assert.Contains("nope", ex.Message, StringComparison.Ordinal);
            Assert.Contains("default", ex.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(fake.ApiRequests, r => r.Method == HttpMethod.Post);
        }
    }
}
