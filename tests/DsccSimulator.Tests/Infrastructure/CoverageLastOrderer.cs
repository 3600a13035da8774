using Xunit.Abstractions;

[assembly: TestCollectionOrderer(
    "DsccSimulator.Tests.Infrastructure.CoverageLastOrderer", "DsccSimulator.Tests")]

namespace DsccSimulator.Tests.Infrastructure;

/// <summary>
/// Runs the spec coverage collection after every other one. That collection also disables parallelization, which
/// makes xUnit start it only once all parallel collections have finished, so it sees the whole run's counts.
/// </summary>
public sealed class CoverageLastOrderer : ITestCollectionOrderer
{
    public const string LastCollection = "Spec coverage (runs last)";

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections)
    {
        var all = testCollections.ToList();
        return all.Where(c => c.DisplayName != LastCollection).Concat(all.Where(c => c.DisplayName == LastCollection));
    }
}
