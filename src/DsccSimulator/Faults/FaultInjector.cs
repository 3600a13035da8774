using DsccSimulator.Cli;
using DsccSimulator.Stats;

namespace DsccSimulator.Faults;

/// <summary>A pending scripted fault, as <c>GET /_sim/faults</c> lists it.</summary>
public sealed record ScriptedFaultView(
    string Id,
    string Method,
    string Path,
    string Kind,
    int? Status,
    string RetryAfter,
    string RateLimitReset,
    int? DelayMs,
    int Count,
    int Remaining);

/// <summary>
/// Decides which calls fail: scripted faults first (oldest first, each call consumes at most one), then the
/// random faults of <c>--fault-rate</c>, drawn from a generator seeded by <c>--seed</c> so a run can be repeated.
/// </summary>
public sealed class FaultInjector(SimulatorOptions options, SimStats stats)
{
    /// <summary>What a random 429 asks the client to wait, in seconds; small so retry tests stay fast.</summary>
    public const string RandomRetryAfterSeconds = "1";

    // A POST or PATCH that was processed must not look failed, or a blind retry would create twice; random faults
    // on them therefore only come before processing. drop-after is for idempotent methods (or scripted tests).
    private static readonly Fault[] BeforeProcessing =
    [
        new(FaultKind.Status, 429, RetryAfter: RandomRetryAfterSeconds),
        new(FaultKind.Status, 502),
        new(FaultKind.Status, 503),
        new(FaultKind.Status, 504),
        new(FaultKind.Drop),
    ];

    private static readonly Fault[] AnyKind = [.. BeforeProcessing, new(FaultKind.DropAfter)];

    private readonly object gate = new();

    private readonly List<ScriptedFault> scripted = [];

    // Mixed with a constant so the fault sequence differs from the fleet's, which uses the seed as is.
    private readonly Random random = new(unchecked((options.Seed * 397) ^ 0x0FA17));

    private long lastId;

    public ScriptedFault Add(string method, string pathPattern, int count, Fault fault)
    {
        lock (gate)
        {
            var entry = new ScriptedFault($"fault-{++lastId}", method, pathPattern, count, fault);
            scripted.Add(entry);
            return entry;
        }
    }

    public IReadOnlyList<ScriptedFaultView> Pending()
    {
        lock (gate)
        {
            return [.. scripted.Select(s => new ScriptedFaultView(
                s.Id, s.Method, s.PathPattern, Fault.KindName(s.Fault.Kind), s.Fault.Status, s.Fault.RetryAfter,
                s.Fault.RateLimitReset, s.Fault.DelayMs, s.Count, s.Remaining))];
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            scripted.Clear();
        }
    }

    /// <summary>The fault for this call, or null to answer it normally. Counted in the stats when chosen.</summary>
    public Fault Next(string method, string path)
    {
        var fault = NextScripted(method, path) ?? NextRandom(method);
        if (fault is not null)
        {
            stats.CountFault(fault.StatsKey);
        }

        return fault;
    }

    public static bool IsNonIdempotent(string method) => HttpMethods.IsPost(method) || HttpMethods.IsPatch(method);

    private Fault NextScripted(string method, string path)
    {
        lock (gate)
        {
            var match = scripted.Find(s => s.Matches(method, path));
            if (match is null)
            {
                return null;
            }

            if (--match.Remaining == 0)
            {
                scripted.Remove(match);
            }

            return match.Fault;
        }
    }

    private Fault NextRandom(string method)
    {
        if (options.FaultRate <= 0)
        {
            return null;
        }

        lock (gate)
        {
            if (random.NextDouble() >= options.FaultRate)
            {
                return null;
            }

            var kinds = IsNonIdempotent(method) ? BeforeProcessing : AnyKind;
            return kinds[random.Next(kinds.Length)];
        }
    }
}
