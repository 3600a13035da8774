using DsccSimulator.Auth;
using DsccSimulator.Store;
using DsccSimulator.Tasks;

namespace DsccSimulator.Persistence;

/// <summary>
/// The content of a <c>--state-file</c>: the fleet, the tasks, the API clients and their current tokens. Scripted
/// faults, the request log and the stats are test controls and are not saved.
/// </summary>
public sealed record SavedState
{
    /// <summary>Bumped when the layout changes incompatibly; other values are refused at load.</summary>
    public const int CurrentFormat = 1;

    public required int Format { get; init; }

    /// <summary>The <c>--seed</c> the fleet was generated with.</summary>
    public required int Seed { get; init; }

    /// <summary>How many times the state was loaded; varies the ids of volumes created after each restart.</summary>
    public required int Restarts { get; init; }

    public required DateTimeOffset SavedAt { get; init; }

    public required SavedFleet Fleet { get; init; }

    public required IReadOnlyList<SavedTask> Tasks { get; init; }

    public required IReadOnlyList<RegisteredClient> Clients { get; init; }

    public required IReadOnlyList<IssuedToken> Tokens { get; init; }
}

/// <summary>
/// Systems, pools and volumes. Pool counters (used, provisioned, volume count) are recomputed from the volumes at
/// load, and reservations from the running tasks, so only <c>TotalMiB</c> of a pool really matters here.
/// </summary>
public sealed record SavedFleet(
    string CustomerId,
    IReadOnlyList<StorageSystem> Systems,
    IReadOnlyList<StoragePool> Pools,
    IReadOnlyList<Volume> Volumes);
