using System.Globalization;

namespace DsccSimulator.Stats;

/// <summary>Body of <c>GET /_sim/stats</c>.</summary>
public sealed record StatsReport(
    long Requests,
    IReadOnlyDictionary<string, long> TokensIssued,
    long Unauthorized,
    IReadOnlyDictionary<string, long> FaultsInjected,
    long Writes);

/// <summary>
/// Counters that let transport tests assert on what the simulator saw: how many calls, tokens per client, 401s,
/// injected faults by kind, and writes that were really carried out. Reset by <c>DELETE /_sim/stats</c>.
/// </summary>
public sealed class SimStats
{
    /// <summary>Fault keys reported even when zero, so tests can read them without a missing-key check.</summary>
    public static readonly IReadOnlyList<string> AlwaysReportedFaults =
        ["429", "500", "502", "503", "504", "drop", "drop-after", "stall", "delay"];

    private readonly object gate = new();

    private readonly Dictionary<string, long> tokensIssued = new(StringComparer.Ordinal);

    private readonly Dictionary<string, long> faultsInjected = new(StringComparer.Ordinal);

    private long requests;

    private long unauthorized;

    private long writes;

    private long writesSinceStart;

    /// <summary>Writes carried out since start, never reset; the state file saver watches it for changes.</summary>
    public long WritesSinceStart => Interlocked.Read(ref writesSinceStart);

    public void CountRequest() => Interlocked.Increment(ref requests);

    public void CountUnauthorized() => Interlocked.Increment(ref unauthorized);

    public void CountWrite()
    {
        Interlocked.Increment(ref writes);
        Interlocked.Increment(ref writesSinceStart);
    }

    public void CountToken(string clientId)
    {
        lock (gate)
        {
            tokensIssued[clientId] = tokensIssued.GetValueOrDefault(clientId) + 1;
        }
    }

    /// <summary>Counts a status fault under its status code.</summary>
    public void CountFault(int status) => CountFault(status.ToString(CultureInfo.InvariantCulture));

    /// <summary>Counts a connection fault under its kind (<c>drop</c>, <c>stall</c>, ...).</summary>
    public void CountFault(string key)
    {
        lock (gate)
        {
            faultsInjected[key] = faultsInjected.GetValueOrDefault(key) + 1;
        }
    }

    public StatsReport Report()
    {
        lock (gate)
        {
            var faults = AlwaysReportedFaults.ToDictionary(key => key, faultsInjected.GetValueOrDefault);
            foreach (var (key, count) in faultsInjected)
            {
                faults[key] = count;
            }

            return new StatsReport(
                Interlocked.Read(ref requests),
                new Dictionary<string, long>(tokensIssued),
                Interlocked.Read(ref unauthorized),
                faults,
                Interlocked.Read(ref writes));
        }
    }

    public void Reset()
    {
        lock (gate)
        {
            tokensIssued.Clear();
            faultsInjected.Clear();
            Interlocked.Exchange(ref requests, 0);
            Interlocked.Exchange(ref unauthorized, 0);
            Interlocked.Exchange(ref writes, 0);
        }
    }
}
