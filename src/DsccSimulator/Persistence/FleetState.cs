using DsccSimulator.Store;

namespace DsccSimulator.Persistence;

/// <summary>Turns the fleet into its saved form and back.</summary>
public static class FleetState
{
    public static SavedFleet Capture(FleetStore store) => new(
        store.CustomerId,
        store.Systems,
        [.. store.Systems.SelectMany(system => store.PoolsOf(system.Id))],
        store.SnapshotVolumes());

    /// <summary>
    /// Rebuilds the store. Volumes go in through the seeding path, which recomputes each pool's counters from them.
    /// <paramref name="runtimeIdSeed"/> must differ per restart, or new volumes would get the ids of earlier ones.
    /// </summary>
    public static FleetStore Restore(SavedFleet fleet, int runtimeIdSeed)
    {
        foreach (var pool in fleet.Pools)
        {
            pool.UsedMiB = 0;
            pool.ReservedMiB = 0;
            pool.ProvisionedMiB = 0;
            pool.VolumeCount = 0;
            pool.ReducedVolumeCount = 0;
        }

        var store = new FleetStore(
            fleet.CustomerId, fleet.Systems, fleet.Pools, new IdFactory(new Random(runtimeIdSeed)));
        foreach (var volume in fleet.Volumes)
        {
            store.AddSeedVolume(volume);
        }

        return store;
    }

    /// <summary>The first reason the saved fleet cannot be loaded, or null when it is consistent.</summary>
    public static string FindInconsistency(SavedFleet fleet)
    {
        if (fleet.Systems.Any(s => s?.Id is null) || fleet.Pools.Any(p => p?.Id is null)
            || fleet.Volumes.Any(v => v?.Id is null))
        {
            return "a system, pool or volume has no id";
        }

        var systemIds = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (fleet.Systems.FirstOrDefault(s => !systemIds.Add(s.Id)) is { } twiceSystem)
        {
            return $"system id '{twiceSystem.Id}' appears twice";
        }

        var pools = new Dictionary<string, StoragePool>(StringComparer.OrdinalIgnoreCase);
        foreach (var pool in fleet.Pools)
        {
            if (!systemIds.Contains(pool.SystemId) || !pools.TryAdd(pool.Id, pool))
            {
                return $"pool '{pool.Id}' has an unknown system or appears twice";
            }
        }

        var volumeIds = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var names = new HashSet<(string, string)>();
        foreach (var volume in fleet.Volumes)
        {
            if (!pools.TryGetValue(volume.PoolId ?? "", out var pool) || pool.SystemId != volume.SystemId)
            {
                return $"volume '{volume.Id}' refers to an unknown pool or to a pool of another system";
            }

            if (!volumeIds.Add(volume.Id) || !names.Add((volume.SystemId, volume.Name)))
            {
                return $"volume '{volume.Id}' ('{volume.Name}') appears twice";
            }
        }

        return null;
    }
}
