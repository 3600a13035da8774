using System;
using System.Management.Automation;
using System.Net.Http;
using System.Numerics;
using DsccPowerShell.Engine;
using DsccPowerShell.Engine.Json;
using DsccPowerShell.Engine.Sessions;
using DsccPowerShell.Engine.Storage;
using DsccPowerShell.Tests.Fakes;
using Newtonsoft.Json.Linq;
using Xunit;

namespace DsccPowerShell.Tests
{
    /// <summary>
    /// DSCC JSON to PSObjects: numbers, timestamps and nesting survive (field lessons 12, 14 and 15).
    /// </summary>
    public sealed class JsonConversionTests
    {
        private const string VolumeJson =
            "{\"id\":\"vol-1\"," +
            "\"sizeMiB\":512000," +
            "\"userAllocLimit\":5497558138880," +
            "\"totalSizeMiB\":9007199254740993," +
            "\"hugeCounter\":18446744073709551617," +
            "\"usedSizeMiB\":218291.125," +
            "\"createdAt\":\"2024-03-04T05:06:07Z\"," +
            "\"updatedAt\":\"2024-10-27T01:30:00.123+02:00\"," +
            "\"stamp\":\"03/04/2024 05:06:07\"," +
            "\"limitIops\":-1," +
            "\"thin\":true," +
            "\"folder\":null," +
            "\"userSpace\":{\"usedMiB\":10.5,\"policy\":{\"level\":3,\"tags\":[\"a\",\"b\"]}}," +
            "\"associatedLinks\":[" +
            "{\"type\":\"systems\",\"resourceUri\":\"/api/v1/storage-systems/SYS1\"},[1,2],\"x\"]}";

        [Theory]
        [InlineData("en-US")]
        [InlineData("de-DE")]
        [InlineData("ja-JP")]
        [InlineData("ar-SA")]
        public void ShouldKeepNumbersAndTimestampsExactUnderAnyCulture(string culture)
        {
            // Arrange
            var fake = new FakeDscc();
            fake.Route(
                HttpMethod.Get,
                "/api/v1/volumes/vol-1",
                FakeAnswer.Json(System.Net.HttpStatusCode.OK, VolumeJson));
            using var scope = new CultureScope(culture);
            using DsccSession session = TestSessions.Open(fake);

            // Act
            PSObject volume = DsccVolumes.Get(session, "vol-1", DsccCallContext.Silent);

            // Assert: what was sent.
            Assert.Equal("/api/v1/volumes/vol-1", Assert.Single(fake.ApiRequests).Path);

            // Assert: integers keep every digit.
            Assert.Equal(512000L, Assert.IsType<long>(Value(volume, "sizeMiB")));
            Assert.Equal(5497558138880L, Assert.IsType<long>(Value(volume, "userAllocLimit")));
            Assert.Equal(9007199254740993L, Assert.IsType<long>(Value(volume, "totalSizeMiB")));
            Assert.Equal(
                BigInteger.Parse("18446744073709551617", System.Globalization.CultureInfo.InvariantCulture),
                Assert.IsType<BigInteger>(Value(volume, "hugeCounter")));
            Assert.Equal(-1L, Assert.IsType<long>(Value(volume, "limitIops")));

            // Assert: fractions stay fractions.
            Assert.Equal(218291.125, Assert.IsType<double>(Value(volume, "usedSizeMiB")));

            // Assert: timestamps are the very strings DSCC sent.
            Assert.Equal("2024-03-04T05:06:07Z", Assert.IsType<string>(Value(volume, "createdAt")));
            Assert.Equal("2024-10-27T01:30:00.123+02:00", Assert.IsType<string>(Value(volume, "updatedAt")));
            Assert.Equal("03/04/2024 05:06:07", Assert.IsType<string>(Value(volume, "stamp")));

            // Assert: other scalars.
            Assert.Equal(true, Value(volume, "thin"));
            Assert.NotNull(volume.Properties["folder"]);
            Assert.Null(Value(volume, "folder"));

            // Assert: type name first.
            Assert.Equal(DsccTypeNames.Volume, volume.TypeNames[0]);
        }

        [Fact]
        public void ShouldConvertNestedObjectsAndArrays()
        {
            // Arrange
            var json = (JObject)DsccJson.Parse(VolumeJson);

            // Act
            PSObject volume = DsccJson.ToPSObject(json, DsccTypeNames.Volume);

            // Assert: nested objects are PSObjects with their own properties.
            PSObject userSpace = Assert.IsType<PSObject>(Value(volume, "userSpace"));
            Assert.Equal(10.5, Value(userSpace, "usedMiB"));
            PSObject policy = Assert.IsType<PSObject>(Value(userSpace, "policy"));
            Assert.Equal(3L, Value(policy, "level"));
            Assert.Equal(new object[] { "a", "b" }, Assert.IsType<object[]>(Value(policy, "tags")));

            // Assert: arrays are object[] of converted values, arrays inside arrays too.
            object[] links = Assert.IsType<object[]>(Value(volume, "associatedLinks"));
            Assert.Equal(3, links.Length);
            PSObject link = Assert.IsType<PSObject>(links[0]);
            Assert.Equal("/api/v1/storage-systems/SYS1", Value(link, "resourceUri"));
            Assert.Equal(new object[] { 1L, 2L }, Assert.IsType<object[]>(links[1]));
            Assert.Equal("x", links[2]);

            // Assert: the type name is first, and only the top object gets it.
            Assert.Equal(DsccTypeNames.Volume, volume.TypeNames[0]);
            Assert.DoesNotContain(DsccTypeNames.Volume, userSpace.TypeNames);

            // Assert: property order and names as DSCC sent them.
            Assert.Equal("id", volume.Properties.Match("*")[0].Name);
        }

        [Fact]
        public void ShouldSerializeRequestBodyWithExactNumbers()
        {
            // Arrange
            var body = new JObject
            {
                ["limit_size_bytes"] = 5497558138880L,
                ["limit_iops"] = -1,
                ["reserve"] = 0,
                ["startTime"] = "2024-03-04T05:06:07Z",
                ["nested"] = new JObject { ["a"] = new JObject { ["b"] = new JObject { ["c"] = new JArray(1, 2) } } },
            };

            // Act
            string text;
            using (new CultureScope("de-DE"))
            {
                text = DsccJson.Serialize(body);
            }

            // Assert
            Assert.Equal(
                "{\"limit_size_bytes\":5497558138880,\"limit_iops\":-1,\"reserve\":0," +
                "\"startTime\":\"2024-03-04T05:06:07Z\",\"nested\":{\"a\":{\"b\":{\"c\":[1,2]}}}}",
                text);
        }

        [Fact]
        public void ShouldParseEmptyBodyAsNull()
        {
            // Act and Assert
            Assert.Null(DsccJson.Parse(string.Empty));
            Assert.Null(DsccJson.Parse("  \r\n"));
            Assert.Null(DsccJson.ToPowerShellValue(JValue.CreateNull()));
        }

        private static object Value(PSObject item, string name)
        {
            PSPropertyInfo property = item.Properties[name];
            Assert.True(property != null, "missing property " + name);
            return property.Value;
        }
    }
}
