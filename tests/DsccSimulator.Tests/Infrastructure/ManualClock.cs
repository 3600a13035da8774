namespace DsccSimulator.Tests.Infrastructure;

/// <summary>A clock the test moves by hand, so token expiry and task progress are exact and instant.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private readonly object gate = new();

    private DateTimeOffset now = start;

    public override DateTimeOffset GetUtcNow()
    {
        lock (gate)
        {
            return now;
        }
    }

    public void Advance(TimeSpan by)
    {
        lock (gate)
        {
            now += by;
        }
    }
}
