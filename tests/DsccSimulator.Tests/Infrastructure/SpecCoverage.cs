using System.Collections.Concurrent;
using DsccSimulator.Validation;

namespace DsccSimulator.Tests.Infrastructure;

/// <summary>How often one spec operation's responses were validated in this test run, and with which statuses.
/// </summary>
public sealed record OperationCoverage(SpecOperation Operation, int Responses, IReadOnlyList<int> Statuses);

/// <summary>
/// Counts, for the whole test run, every response validated against the spec, by operation and status. Filled by
/// <see cref="SpecValidatingHandler"/>; read by the coverage report, which runs after every other test.
/// </summary>
public static class SpecCoverage
{
    private static readonly ConcurrentDictionary<SpecOperation, ConcurrentDictionary<int, int>> Counts = new();

    public static void Record(SpecOperation operation, int status) =>
        Counts.GetOrAdd(operation, _ => new ConcurrentDictionary<int, int>())
            .AddOrUpdate(status, 1, (_, count) => count + 1);

    public static IReadOnlyDictionary<string, OperationCoverage> Snapshot() =>
        Counts.ToDictionary(
            pair => pair.Key.OperationId,
            pair => new OperationCoverage(
                pair.Key, pair.Value.Values.Sum(), [.. pair.Value.Keys.Order()]),
            StringComparer.Ordinal);
}
