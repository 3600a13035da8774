using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using DsccPowerShell.Engine;
using DsccPowerShell.Engine.Paging;
using DsccPowerShell.Engine.Sessions;
using DsccPowerShell.Engine.Storage;
using DsccPowerShell.Tests.Fakes;
using Xunit;

namespace DsccPowerShell.Tests
{
    /// <summary>Offset/limit paging of DSCC v1 lists (field lessons 8 and 9).</summary>
    public sealed class PagerTests
    {
        private const string VolumesPath = "/api/v1/volumes";

        private static List<long> RequestedOffsets(FakeDscc fake) =>
            fake.ApiRequests
                .Where(r => r.Path == VolumesPath)
                .Select(r => long.Parse(r.Query("offset"), System.Globalization.CultureInfo.InvariantCulture))
                .ToList();

        [Fact]
        public void ShouldReturnEveryItemInOrderWhenServerCapsPageSize()
        {
            // Arrange: 107 volumes; the server answers at most 50 per page whatever limit is asked.
            var fake = new FakeDscc().List(VolumesPath, count: 107, serverPageSize: 50);
            using DsccSession session = TestSessions.Open(fake);

            // Act
            List<PSObject> volumes = DsccVolumes.List(session, null, null, DsccCallContext.Silent).ToList();

            // Assert: what came back.
            List<string> ids = volumes.Select(v => (string)v.Properties["id"].Value).ToList();
            Assert.Equal(Enumerable.Range(0, 107).Select(FakeDscc.ItemId), ids);
            Assert.Equal(107, ids.Distinct().Count());
            Assert.All(volumes, v => Assert.Equal(DsccTypeNames.Volume, v.TypeNames[0]));

            // Assert: what was sent.
            Assert.Equal(new long[] { 0, 50, 100 }, RequestedOffsets(fake));
            Assert.All(fake.ApiRequests, r => Assert.Equal(
                DsccPager.RequestedPageSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
                r.Query("limit")));
            Assert.Empty(fake.Unrouted);
        }

        [Fact]
        public void ShouldStopAtPageBoundaryWithoutDuplicateRequest()
        {
            // Arrange: exactly two full pages.
            var fake = new FakeDscc().List(VolumesPath, count: 100, serverPageSize: 50);
            using DsccSession session = TestSessions.Open(fake);

            // Act
            List<string> ids = DsccVolumes.List(session, null, null, DsccCallContext.Silent)
                .Select(v => (string)v.Properties["id"].Value)
                .ToList();

            // Assert
            Assert.Equal(Enumerable.Range(0, 100).Select(FakeDscc.ItemId), ids);
            List<long> offsets = RequestedOffsets(fake);
            Assert.Equal(offsets.Distinct().Count(), offsets.Count);
            Assert.True(offsets.Count <= 3, "at most one request beyond the last page");
            Assert.All(offsets, o => Assert.True(o <= 100, "no request beyond offset 100"));
            Assert.Equal(new long[] { 0, 50 }, offsets.Take(2));
        }

        [Fact]
        public void ShouldStopWithWarningWhenPageIsEmptyButTotalSaysMore()
        {
            // Arrange: the server claims 120 but has only 60.
            var fake = new FakeDscc().List(VolumesPath, count: 60, serverPageSize: 50, reportedTotal: 120);
            using DsccSession session = TestSessions.Open(fake);
            var log = new CallLog();

            // Act
            List<PSObject> volumes = DsccVolumes.List(session, null, null, log.Context()).ToList();

            // Assert
            Assert.Equal(60, volumes.Count);
            Assert.Equal(new long[] { 0, 50, 60 }, RequestedOffsets(fake));
            string warning = Assert.Single(log.Warnings);
            Assert.Contains(VolumesPath, warning, System.StringComparison.Ordinal);
            Assert.Contains("120", warning, System.StringComparison.Ordinal);
        }

        [Fact]
        public void ShouldYieldFirstItemBeforeRequestingSecondPage()
        {
            // Arrange
            var fake = new FakeDscc().List(VolumesPath, count: 107, serverPageSize: 50);
            using DsccSession session = TestSessions.Open(fake);

            // Act: nothing is requested until enumeration starts.
            IEnumerable<PSObject> lazy = DsccVolumes.List(session, null, null, DsccCallContext.Silent);
            int requestsBeforeEnumeration = fake.ApiRequests.Count;
            using IEnumerator<PSObject> enumerator = lazy.GetEnumerator();
            Assert.True(enumerator.MoveNext());
            int requestsAtFirstItem = fake.ApiRequests.Count;
            string firstId = (string)enumerator.Current.Properties["id"].Value;
            int seen = 1;
            while (enumerator.MoveNext())
            {
                seen++;
            }

            // Assert
            Assert.Equal(0, requestsBeforeEnumeration);
            Assert.Equal(1, requestsAtFirstItem);
            Assert.Equal(FakeDscc.ItemId(0), firstId);
            Assert.Equal(107, seen);
            Assert.Equal(3, fake.ApiRequests.Count);
        }

        [Fact]
        public void ShouldRequestNoFurtherPageWhenCallerStopsEarly()
        {
            // Arrange
            var fake = new FakeDscc().List(VolumesPath, count: 107, serverPageSize: 50);
            using DsccSession session = TestSessions.Open(fake);

            // Act (Select-Object -First 3)
            List<PSObject> firstThree = DsccVolumes.List(session, null, null, DsccCallContext.Silent).Take(3).ToList();

            // Assert
            Assert.Equal(
                new[] { FakeDscc.ItemId(0), FakeDscc.ItemId(1), FakeDscc.ItemId(2) },
                firstThree.Select(v => (string)v.Properties["id"].Value));
            Assert.Equal(new long[] { 0 }, RequestedOffsets(fake));
        }

        [Fact]
        public void ShouldKeepFiltersAndEscapeThemWhenPaging()
        {
            // Arrange
            var fake = new FakeDscc().List(VolumesPath, count: 70, serverPageSize: 50);
            using DsccSession session = TestSessions.Open(fake);
            DsccQuery query = new DsccQuery().Add("filter", "name eq 'vol & 1'");

            // Act
            int count = DsccVolumes.List(session, null, query, DsccCallContext.Silent).Count();

            // Assert: the filter arrives intact on every page.
            Assert.Equal(70, count);
            Assert.Equal(2, fake.ApiRequests.Count);
            Assert.All(fake.ApiRequests, r => Assert.Equal("name eq 'vol & 1'", r.Query("filter")));
            Assert.Equal(new long[] { 0, 50 }, RequestedOffsets(fake));
        }
    }
}
