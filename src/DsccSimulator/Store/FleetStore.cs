namespace DsccSimulator.Store;

/// <summary>A volume-create request after validation, in array terms.</summary>
public sealed record VolumePlan
{
    public required string SystemId { get; init; }

    /// <summary>Names to create; several when the request used <c>count</c>.</summary>
    public required IReadOnlyList<string> Names { get; init; }

    public required long SizeMiB { get; init; }

    /// <summary>CPG name (device-type1/4, <c>userCpg</c>).</summary>
    public string PoolName { get; init; }

    /// <summary>Pool id (device-type2, <c>pool_id</c>); null means the pool named <c>default</c>.</summary>
    public string PoolId { get; init; }

    /// <summary>Snapshot CPG (device-type1 <c>snapCpg</c>); must exist when given.</summary>
    public string SnapshotPoolName { get; init; }

    /// <summary>Snapshot to clone from (device-type2 <c>base_snap_id</c>).</summary>
    public string BaseSnapshotId { get; init; }

    public bool DataReduction { get; init; }

    public string Comment { get; init; }

    /// <summary>Set for a device-type2 clone once its base snapshot has been found.</summary>
    public VolumeLineage Lineage { get; init; }
}

/// <summary>Names and capacity held for a create task between its start and its completion.</summary>
public sealed record VolumeReservation(VolumePlan Plan, StoragePool Pool);

/// <summary>
/// Why the array refused an operation; becomes the task's <c>error</c>. The recommendation, when given, replaces the
/// generic one in the task's <c>recommendations</c>; a NOT_FOUND has no generic one, since what to look up depends
/// on what was missing.
/// </summary>
public sealed record ArrayFailure(string ErrorCode, string Message, string Recommendation = null)
{
    /// <summary>A CPG (device-type1/4) or pool (device-type2) the request named does not exist on the array.</summary>
    public static ArrayFailure PoolNotFound(string message) => new("NOT_FOUND", message,
        "Check the pool or CPG name against GET /api/v1/storage-systems/{systemId}/storage-pools.");
}

/// <summary>
/// The simulated fleet: systems, pools and volumes. Systems and pools are fixed after seeding; volumes change as
/// tasks complete (the lifecycle operations live in the partial <c>FleetStore.*.cs</c> files). One lock guards all
/// mutable state; list reads take a snapshot so paging and filtering run without it.
/// </summary>
public sealed partial class FleetStore
{
    private readonly object gate = new();

    private readonly Dictionary<string, StorageSystem> systemsById = new(StringComparer.OrdinalIgnoreCase);

    private readonly Dictionary<string, StoragePool> poolsById = new(StringComparer.OrdinalIgnoreCase);

    private readonly Dictionary<string, List<StoragePool>> poolsBySystem = new(StringComparer.OrdinalIgnoreCase);

    private readonly List<Volume> volumes = [];

    private readonly Dictionary<string, Volume> volumesById = new(StringComparer.OrdinalIgnoreCase);

    private readonly Dictionary<string, List<Volume>> volumesBySystem = new(StringComparer.OrdinalIgnoreCase);

    // Volume names are unique per array (3PAR and Nimble both enforce it); names held by running tasks count too.
    private readonly Dictionary<string, HashSet<string>> takenNamesBySystem = new(StringComparer.OrdinalIgnoreCase);

    private readonly Dictionary<string, long> lastVolumeNumberBySystem = new(StringComparer.OrdinalIgnoreCase);

    private readonly IdFactory ids;

    public FleetStore(
        string customerId, IReadOnlyList<StorageSystem> systems, IEnumerable<StoragePool> pools, IdFactory runtimeIds)
    {
        CustomerId = customerId;
        Systems = systems;
        ids = runtimeIds;

        foreach (var system in systems)
        {
            systemsById.Add(system.Id, system);
            poolsBySystem.Add(system.Id, []);
            volumesBySystem.Add(system.Id, []);
            takenNamesBySystem.Add(system.Id, new HashSet<string>(StringComparer.Ordinal));
            lastVolumeNumberBySystem.Add(system.Id, 0);
        }

        foreach (var pool in pools)
        {
            poolsById.Add(pool.Id, pool);
            poolsBySystem[pool.SystemId].Add(pool);
        }
    }

    /// <summary>The DSCC account (customer) every resource belongs to.</summary>
    public string CustomerId { get; }

    public IReadOnlyList<StorageSystem> Systems { get; }

    public StorageSystem FindSystem(string id) => systemsById.GetValueOrDefault(id);

    /// <summary>A system only "exists" under the device-type path of its own family.</summary>
    public StorageSystem FindSystem(string id, DeviceType type) =>
        FindSystem(id) is { } system && system.DeviceType == type ? system : null;

    public IReadOnlyList<StoragePool> PoolsOf(string systemId) =>
        poolsBySystem.TryGetValue(systemId, out var pools) ? pools : [];

    public StoragePool FindPool(string id) => poolsById.GetValueOrDefault(id);

    public int VolumeCount
    {
        get
        {
            lock (gate)
            {
                return volumes.Count;
            }
        }
    }

    public Volume[] SnapshotVolumes()
    {
        lock (gate)
        {
            return [.. volumes];
        }
    }

    public Volume[] SnapshotVolumesOf(string systemId)
    {
        lock (gate)
        {
            return volumesBySystem.TryGetValue(systemId, out var list) ? [.. list] : [];
        }
    }

    public Volume FindVolume(string id)
    {
        lock (gate)
        {
            return volumesById.GetValueOrDefault(id);
        }
    }

    /// <summary>Adds a seeded volume; its pool's used capacity grows by the volume's used size.</summary>
    public void AddSeedVolume(Volume volume)
    {
        lock (gate)
        {
            AddVolumeLocked(volume);
            poolsById[volume.PoolId].UsedMiB += volume.UsedMiB;
        }
    }

    /// <summary>
    /// Does what an array does when a create starts: find the pool, refuse duplicate names and oversized requests,
    /// then hold the names and capacity so concurrent tasks cannot take them.
    /// </summary>
    public (VolumeReservation Reservation, ArrayFailure Failure) Reserve(VolumePlan plan)
    {
        lock (gate)
        {
            var system = systemsById[plan.SystemId];
            if (plan.BaseSnapshotId is not null)
            {
                (plan, var cloneFailure) = PrepareSnapshotCloneLocked(system, plan);
                if (cloneFailure is not null)
                {
                    return (null, cloneFailure);
                }
            }

            var pool = ResolvePool(system, plan);
            if (pool is null)
            {
                var wanted = system.DeviceType.UsesCpgs() ? $"CPG '{plan.PoolName}'" : $"pool '{plan.PoolId}'";
                return (null, ArrayFailure.PoolNotFound($"{wanted} does not exist on system {system.Name}."));
            }

            var snapshotPoolMissing = plan.SnapshotPoolName is not null
                && !poolsBySystem[system.Id].Exists(p => p.Name == plan.SnapshotPoolName);
            if (snapshotPoolMissing)
            {
                return (null, ArrayFailure.PoolNotFound(
                    $"Snapshot CPG '{plan.SnapshotPoolName}' does not exist on system {system.Name}."));
            }

            var taken = takenNamesBySystem[system.Id];
            var duplicate = plan.Names.FirstOrDefault(taken.Contains);
            if (duplicate is not null)
            {
                return (null, new ArrayFailure(
                    "BAD_REQUEST", $"A volume named '{duplicate}' already exists on system {system.Name}."));
            }

            var neededMiB = plan.SizeMiB * plan.Names.Count;
            if (neededMiB > pool.FreeMiB)
            {
                return (null, new ArrayFailure("BAD_REQUEST",
                    $"Not enough free space in {PoolNoun(system)} '{pool.Name}': requested {neededMiB} MiB, "
                    + $"{pool.FreeMiB} MiB free."));
            }

            taken.UnionWith(plan.Names);
            pool.ReservedMiB += neededMiB;
            HoldCloneSourceLocked(plan);
            return (new VolumeReservation(plan, pool), null);
        }
    }

    /// <summary>Turns a reservation into real volumes; from now on they show up in every list.</summary>
    public IReadOnlyList<Volume> Commit(VolumeReservation reservation, DateTimeOffset now)
    {
        lock (gate)
        {
            var plan = reservation.Plan;
            var system = systemsById[plan.SystemId];
            reservation.Pool.ReservedMiB -= plan.SizeMiB * plan.Names.Count;
            ReleaseCloneSourceLocked(plan);

            var created = new List<Volume>(plan.Names.Count);
            foreach (var name in plan.Names)
            {
                var number = ++lastVolumeNumberBySystem[system.Id];
                var volume = NewVolume(system, reservation.Pool, name, number, plan, now);
                AddVolumeLocked(volume);
                created.Add(volume);
            }

            return created;
        }
    }

    private static string PoolNoun(StorageSystem system) => system.DeviceType.UsesCpgs() ? "CPG" : "pool";

    private StoragePool ResolvePool(StorageSystem system, VolumePlan plan)
    {
        var pools = poolsBySystem[system.Id];
        if (system.DeviceType.UsesCpgs())
        {
            return pools.Find(p => string.Equals(p.Name, plan.PoolName, StringComparison.Ordinal));
        }

        return plan.PoolId is null
            ? pools.Find(p => p.IsDefault)
            : pools.Find(p => string.Equals(p.Id, plan.PoolId, StringComparison.OrdinalIgnoreCase));
    }

    private Volume NewVolume(
        StorageSystem system, StoragePool pool, string name, long number, VolumePlan plan, DateTimeOffset now)
    {
        var isNimble = system.DeviceType == DeviceType.DeviceType2;
        var serial = isNimble ? IdFactory.NimbleSerial(system.Id[2..18], ids.Hex(10)) : null;
        return new Volume
        {
            Id = isNimble ? IdFactory.NimbleObjectId("06", system.Id[2..18], number) : ids.Hex(32),
            Name = name,
            SystemId = system.Id,
            DeviceType = system.DeviceType,
            PoolId = pool.Id,
            SizeMiB = plan.SizeMiB,
            // Thin volumes allocate nothing until the host writes to them.
            UsedMiB = 0,
            Wwn = isNimble ? IdFactory.NimbleVolumeWwn(serial) : IdFactory.PrimeraVolumeWwn(number, system.SystemWwn),
            VolumeNumber = number,
            SerialNumber = serial,
            DataReduction = plan.DataReduction,
            HealthState = "NORMAL",
            Comment = plan.Comment,
            CreatedAt = now,
            Generation = now.ToUnixTimeSeconds(),
            Lineage = plan.Lineage,
        };
    }

    private void AddVolumeLocked(Volume volume)
    {
        volumes.Add(volume);
        volumesById.Add(volume.Id, volume);
        volumesBySystem[volume.SystemId].Add(volume);
        takenNamesBySystem[volume.SystemId].Add(volume.Name);

        var pool = poolsById[volume.PoolId];
        pool.VolumeCount++;
        pool.ReducedVolumeCount += volume.DataReduction ? 1 : 0;
        pool.ProvisionedMiB += volume.SizeMiB;
        lastVolumeNumberBySystem[volume.SystemId] =
            Math.Max(lastVolumeNumberBySystem[volume.SystemId], volume.VolumeNumber);
    }
}
