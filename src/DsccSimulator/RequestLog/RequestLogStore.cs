using System.Text.Json.Serialization;

namespace DsccSimulator.RequestLog;

/// <summary>
/// One received request, as <c>GET /_sim/requests</c> returns it. Null content type and body are written as
/// <c>null</c> rather than left out, so every entry has the same keys.
/// </summary>
public sealed record LoggedRequest(
    long Seq,
    string Method,
    string Path,
    string Query,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string ContentType,
    bool HasBearer,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string Body);

/// <summary>
/// Remembers requests so tests can assert on exactly what a client sent. Bounded, because admins may leave the
/// simulator running for a whole rehearsal day; the oldest entries go first.
/// </summary>
public sealed class RequestLogStore
{
    public const int Capacity = 10_000;

    private readonly object gate = new();

    private readonly LinkedList<LoggedRequest> entries = new();

    private long lastSeq;

    public LoggedRequest Add(string method, string path, string query, string contentType, bool hasBearer, string body)
    {
        lock (gate)
        {
            var entry = new LoggedRequest(++lastSeq, method, path, query, contentType, hasBearer, body);
            entries.AddLast(entry);
            if (entries.Count > Capacity)
            {
                entries.RemoveFirst();
            }

            return entry;
        }
    }

    public IReadOnlyList<LoggedRequest> Snapshot()
    {
        lock (gate)
        {
            return [.. entries];
        }
    }

    /// <summary>Empties the log; <c>seq</c> keeps counting, so entries before and after never share a number.</summary>
    public void Clear()
    {
        lock (gate)
        {
            entries.Clear();
        }
    }
}
