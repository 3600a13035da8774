using System.Globalization;
using System.Text;
using DsccSimulator.Tests.Infrastructure;
using DsccSimulator.Validation;

namespace DsccSimulator.Tests;

[CollectionDefinition(CoverageLastOrderer.LastCollection, DisableParallelization = true)]
public sealed class SpecCoverageCollection
{
}

/// <summary>
/// The run's spec coverage: what the simulator implements (from its endpoint data source) against the spec, and how
/// many responses the other tests had validated, per operation. Runs after every other test (see
/// <see cref="CoverageLastOrderer"/>), writes <c>spec-coverage.md</c> (the table) and <c>spec-coverage.txt</c>
/// (the summary line, printed by the test project after <c>dotnet test</c>) beside the test assembly.
/// Meaningful for a run of the whole project; a filtered run leaves this class out.
/// </summary>
[Collection(CoverageLastOrderer.LastCollection)]
public sealed class SpecCoverageTests : IAsyncLifetime
{
    /// <summary>Not spec operations: the OAuth token endpoint (another host in DSCC) and the test hooks.</summary>
    private static readonly string[] OwnRoutePrefixes = ["/as/token.oauth2", "/_sim/"];

    private TestSimulator sim;

    public async Task InitializeAsync() => sim = await TestSimulator.StartAsync();

    public async Task DisposeAsync() => await sim.DisposeAsync();

    [Fact]
    public void EveryImplementedOperationHadItsResponsesValidatedInThisRun()
    {
        var implemented = ServedRoutes.Of(sim.App).Select(r => r.Operation).OfType<SpecOperation>().Distinct().ToList();
        var validated = SpecCoverage.Snapshot();

        CoverageReport.Write(SpecModel.LoadEmbedded(), implemented, validated);

        var untested = implemented.Where(o => !validated.ContainsKey(o.OperationId)).Select(o => o.ToString());
        Assert.True(!untested.Any(),
            "Implemented but no response validated in this run (add a test):\n  " + string.Join("\n  ", untested));
    }

    [Fact]
    public void TheSimulatorServesNoRouteTheSpecLacks()
    {
        var routes = ServedRoutes.Of(sim.App);

        var extra = routes
            .Where(r => r.Operation is null)
            .Where(r => !OwnRoutePrefixes.Any(
                prefix => (r.Template + "/").StartsWith(prefix, StringComparison.Ordinal)))
            .Select(r => $"{r.Method} {r.Template}")
            .ToList();

        Assert.Contains(routes, r => r.Operation?.OperationId == "GetTask");
        Assert.Contains(routes, r => r.Template == "/as/token.oauth2" && r.Operation is null);
        Assert.True(extra.Count == 0, "Routes the spec does not have:\n  " + string.Join("\n  ", extra));
    }
}

/// <summary>The coverage summary line and the per-operation table (<c>spec-coverage.md</c>).</summary>
public static class CoverageReport
{
    public const string TableFile = "spec-coverage.md";

    /// <summary>Just the summary line, which the test project's MSBuild target prints after dotnet test.</summary>
    public const string SummaryFile = "spec-coverage.txt";

    public sealed record Result(string Summary, string TablePath);

    public static Result Write(
        SpecModel spec,
        IReadOnlyCollection<SpecOperation> implemented,
        IReadOnlyDictionary<string, OperationCoverage> validated)
    {
        var responses = validated.Values.Sum(v => v.Responses);
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"Spec coverage: the simulator implements {implemented.Count} of {spec.Operations.Count} operations; " +
            $"{responses} responses validated against the spec across {validated.Count} operations");

        var implementedIds = implemented.Select(o => o.OperationId).ToHashSet(StringComparer.Ordinal);
        var text = new StringBuilder()
            .AppendLine($"# Spec coverage ({spec.Title} {spec.Version})").AppendLine()
            .AppendLine(summary).AppendLine()
            .AppendLine("| operationId | method | path | implemented | responses validated | statuses seen |")
            .AppendLine("|---|---|---|---|---|---|");
        foreach (var operation in spec.Operations
                     .Where(o => implementedIds.Contains(o.OperationId) || validated.ContainsKey(o.OperationId))
                     .OrderBy(o => o.Path, StringComparer.Ordinal).ThenBy(o => o.Method, StringComparer.Ordinal))
        {
            var seen = validated.GetValueOrDefault(operation.OperationId);
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {operation.OperationId} | {operation.Method} | `{operation.Path}` | " +
                $"{(implementedIds.Contains(operation.OperationId) ? "yes" : "no")} | {seen?.Responses ?? 0} | " +
                $"{string.Join(", ", seen?.Statuses ?? [])} |"));
        }

        var path = System.IO.Path.Combine(AppContext.BaseDirectory, TableFile);
        File.WriteAllText(path, text.ToString());
        File.WriteAllText(System.IO.Path.Combine(AppContext.BaseDirectory, SummaryFile), summary + "\n");
        return new Result(summary, path);
    }
}
