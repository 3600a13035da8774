using System.Text.Json;

namespace DsccSimulator.Faults;

/// <summary>How an injected fault shows itself to the client.</summary>
public enum FaultKind
{
    /// <summary>An error status with an error body, answered before the request is processed.</summary>
    Status,

    /// <summary>The connection is aborted before the request is processed: nothing happened.</summary>
    Drop,

    /// <summary>The request IS processed (a POST creates), then the connection is aborted unanswered.</summary>
    DropAfter,

    /// <summary>The request is processed; status, headers and half the body go out, then nothing for a while.</summary>
    Stall,

    /// <summary>The request waits, then is processed and answered normally.</summary>
    Delay,
}

/// <summary>One fault to inject. Which properties apply depends on <see cref="Kind"/> (see README).</summary>
public sealed record Fault(
    FaultKind Kind,
    int? Status = null,
    string RetryAfter = null,
    string RateLimitReset = null,
    int? DelayMs = null,
    JsonElement? Body = null)
{
    /// <summary>A stall without <c>delayMs</c> lasts an hour: longer than any client timeout worth testing.</summary>
    public const int DefaultStallMs = 3_600_000;

    /// <summary>The key this fault is counted under in <c>/_sim/stats</c> <c>faultsInjected</c>.</summary>
    public string StatsKey => Kind == FaultKind.Status
        ? Status.GetValueOrDefault().ToString(System.Globalization.CultureInfo.InvariantCulture)
        : KindName(Kind);

    public static string KindName(FaultKind kind) => kind switch
    {
        FaultKind.Status => "status",
        FaultKind.Drop => "drop",
        FaultKind.DropAfter => "drop-after",
        FaultKind.Stall => "stall",
        FaultKind.Delay => "delay",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static FaultKind? ParseKind(string name) => name switch
    {
        "status" => FaultKind.Status,
        "drop" => FaultKind.Drop,
        "drop-after" => FaultKind.DropAfter,
        "stall" => FaultKind.Stall,
        "delay" => FaultKind.Delay,
        _ => null,
    };
}

/// <summary>A fault scripted through <c>POST /_sim/faults</c>: it hits the next <c>Count</c> matching calls.</summary>
public sealed class ScriptedFault(string id, string method, string pathPattern, int count, Fault fault)
{
    public string Id { get; } = id;

    /// <summary>Upper-case HTTP method, or null for any method.</summary>
    public string Method { get; } = method;

    /// <summary>Exact path, or a prefix when it ends with <c>*</c>; compared case-insensitively.</summary>
    public string PathPattern { get; } = pathPattern;

    public int Count { get; } = count;

    public int Remaining { get; set; } = count;

    public Fault Fault { get; } = fault;

    public bool Matches(string requestMethod, string path)
    {
        if (Method is not null && !string.Equals(Method, requestMethod, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return PathPattern.EndsWith('*')
            ? path.StartsWith(PathPattern[..^1], StringComparison.OrdinalIgnoreCase)
            : string.Equals(PathPattern, path, StringComparison.OrdinalIgnoreCase);
    }
}
