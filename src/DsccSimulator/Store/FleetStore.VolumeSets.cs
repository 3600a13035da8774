namespace DsccSimulator.Store;

/// <summary>A volume-set create, edit or delete between its task's start and end.</summary>
public sealed class PendingVolumeSetChange
{
    internal PendingVolumeSetChange(string systemId, string setId, VolumeSetPlan plan) =>
        (SystemId, SetId, Plan) = (systemId, setId, plan);

    public string SystemId { get; }

    /// <summary>Null for a create: the id is assigned when the set comes into being.</summary>
    public string SetId { get; }

    internal VolumeSetPlan Plan { get; }

    /// <summary>Name held for this change (a create or a rename), or null.</summary>
    internal string ReservedName { get; init; }

    /// <summary>Volume ids going in and coming out.</summary>
    internal IReadOnlyList<string> Added { get; init; } = [];

    internal IReadOnlyList<string> Removed { get; init; } = [];
}

/// <summary>
/// Volume sets: device-type1/4 application sets and device-type2 volume collections. They live under the store's
/// one lock because their members are the store's volumes: a set only takes volumes of its own system, and a
/// volume is in at most one set.
/// </summary>
public sealed partial class FleetStore
{
    private readonly List<VolumeSet> volumeSets = [];

    private readonly Dictionary<string, string> volumeSetIdByVolume = new(StringComparer.OrdinalIgnoreCase);

    // "systemId/name" and volume ids held by running tasks.
    private readonly HashSet<string> reservedSetNames = new(StringComparer.OrdinalIgnoreCase);

    private readonly HashSet<string> reservedSetMembers = new(StringComparer.OrdinalIgnoreCase);

    public VolumeSet[] SnapshotVolumeSets()
    {
        lock (gate)
        {
            return [.. volumeSets];
        }
    }

    public VolumeSet[] SnapshotVolumeSetsOf(string systemId)
    {
        lock (gate)
        {
            return [.. volumeSets.Where(s => SameId(s.SystemId, systemId))];
        }
    }

    public VolumeSet FindVolumeSet(string id)
    {
        lock (gate)
        {
            return volumeSets.Find(s => SameId(s.Id, id));
        }
    }

    /// <summary>The set a volume belongs to, or null.</summary>
    public VolumeSet VolumeSetOf(string volumeId)
    {
        lock (gate)
        {
            return volumeSetIdByVolume.TryGetValue(volumeId, out var setId)
                ? volumeSets.Find(s => s.Id == setId)
                : null;
        }
    }

    /// <summary>The set's members that still exist, in membership order.</summary>
    public IReadOnlyList<Volume> MembersOf(VolumeSet set)
    {
        lock (gate)
        {
            return set.MemberIds.Select(id => volumesById.GetValueOrDefault(id)).Where(v => v is not null).ToList();
        }
    }

    public void AddSeedVolumeSet(VolumeSet set)
    {
        lock (gate)
        {
            volumeSets.Add(set);
            foreach (var volumeId in set.MemberIds)
            {
                volumeSetIdByVolume[volumeId] = set.Id;
            }
        }
    }

    public (PendingVolumeSetChange Change, ArrayFailure Failure) BeginVolumeSetCreate(VolumeSetPlan plan)
    {
        lock (gate)
        {
            var system = systemsById[plan.SystemId];
            if (SetNameTaken(system, plan.Name, exceptId: null))
            {
                return (null, DuplicateSetName(system, plan.Name));
            }

            var failure = ResolveNewMembers(system, forSetId: null, plan.AddMembers, out var added);
            if (failure is not null)
            {
                return (null, failure);
            }

            reservedSetNames.Add(NameKey(system.Id, plan.Name));
            reservedSetMembers.UnionWith(added);
            var change = new PendingVolumeSetChange(system.Id, null, plan) { ReservedName = plan.Name, Added = added };
            return (change, null);
        }
    }

    public VolumeSet CompleteVolumeSetCreate(PendingVolumeSetChange change, DateTimeOffset now)
    {
        lock (gate)
        {
            ReleaseSetChange(change);
            var system = systemsById[change.SystemId];
            var plan = change.Plan;
            var number = (volumeSets.Where(s => s.SystemId == system.Id).Max(s => (int?)s.Number) ?? 0) + 1;
            var set = new VolumeSet
            {
                Id = system.DeviceType.UsesCpgs()
                    ? ids.Hex(32)
                    : IdFactory.NimbleObjectId("07", system.Id[2..18], number),
                SystemId = system.Id,
                DeviceType = system.DeviceType,
                Name = plan.Name,
                Number = number,
                AppType = plan.AppType,
                CustomAppType = plan.CustomAppType,
                Importance = plan.Importance ?? (system.DeviceType.UsesCpgs() ? "MEDIUM" : null),
                BusinessUnit = plan.BusinessUnit,
                Comment = plan.Comment,
                MemberIds = change.Added.Where(volumesById.ContainsKey).ToList(),
                Collection = plan.Collection,
                CreatedAt = now,
                Generation = now.ToUnixTimeSeconds(),
            };
            AddSetLocked(set);
            return set;
        }
    }

    public (PendingVolumeSetChange Change, ArrayFailure Failure) BeginVolumeSetEdit(string setId, VolumeSetPlan plan)
    {
        lock (gate)
        {
            var set = volumeSets.Find(s => SameId(s.Id, setId));
            if (set is null)
            {
                return (null, SetGone(setId));
            }

            var system = systemsById[set.SystemId];
            var renamed = plan.Name is not null && plan.Name != set.Name;
            if (renamed && SetNameTaken(system, plan.Name, exceptId: set.Id))
            {
                return (null, DuplicateSetName(system, plan.Name));
            }

            var failure = ResolveNewMembers(system, set.Id, plan.AddMembers, out var added);
            List<string> removed = [];
            failure ??= ResolveRemovedMembers(system, set, plan.RemoveMembers, out removed);
            if (failure is not null)
            {
                return (null, failure);
            }

            // Adding a volume that is already a member changes nothing, as on the array.
            added = added.Where(id => !set.MemberIds.Contains(id)).ToList();
            if (renamed)
            {
                reservedSetNames.Add(NameKey(system.Id, plan.Name));
            }

            reservedSetMembers.UnionWith(added);
            var change = new PendingVolumeSetChange(system.Id, set.Id, plan)
            {
                ReservedName = renamed ? plan.Name : null,
                Added = added,
                Removed = removed,
            };
            return (change, null);
        }
    }

    public VolumeSet CompleteVolumeSetEdit(PendingVolumeSetChange change, DateTimeOffset now)
    {
        lock (gate)
        {
            ReleaseSetChange(change);
            var set = volumeSets.Find(s => s.Id == change.SetId);
            if (set is null)
            {
                return null;
            }

            var plan = change.Plan;
            var members = set.MemberIds
                .Except(change.Removed, StringComparer.OrdinalIgnoreCase)
                .Concat(change.Added.Where(volumesById.ContainsKey))
                .ToList();
            var updated = set with
            {
                Name = plan.Name ?? set.Name,
                AppType = plan.AppType ?? set.AppType,
                CustomAppType = plan.CustomAppType ?? set.CustomAppType,
                Importance = plan.Importance ?? set.Importance,
                BusinessUnit = plan.BusinessUnit ?? set.BusinessUnit,
                Comment = plan.Comment ?? set.Comment,
                MemberIds = members,
                Collection = set.Collection?.Merge(plan.Collection),
                Generation = now.ToUnixTimeSeconds(),
            };
            // Replaced in place, so the set keeps its position in lists.
            volumeSets[volumeSets.IndexOf(set)] = updated;
            foreach (var volumeId in change.Removed)
            {
                volumeSetIdByVolume.Remove(volumeId);
            }

            foreach (var volumeId in members)
            {
                volumeSetIdByVolume[volumeId] = updated.Id;
            }

            return updated;
        }
    }

    public (VolumeSet Set, ArrayFailure Failure) BeginVolumeSetDelete(string setId)
    {
        lock (gate)
        {
            var set = volumeSets.Find(s => SameId(s.Id, setId));
            return set is null
                ? (null, SetGone(setId))
                : (set, null);
        }
    }

    /// <summary>Removes the set; its volumes stay and belong to no set afterwards.</summary>
    public VolumeSet CompleteVolumeSetDelete(string setId)
    {
        lock (gate)
        {
            var set = volumeSets.Find(s => s.Id == setId);
            if (set is not null)
            {
                RemoveSetLocked(set);
            }

            return set;
        }
    }

    private static bool SameId(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static string NameKey(string systemId, string name) => systemId + "/" + name;

    /// <summary>The path's set was checked when the request came, so a task that cannot find it ran after a delete.
    /// </summary>
    private static ArrayFailure SetGone(string setId) => new(
        "NOT_FOUND",
        $"No volume set has id '{setId}'.",
        "The volume set was deleted after this request was accepted; list the volume sets to find it.");

    private static ArrayFailure DuplicateSetName(StorageSystem system, string name) =>
        new("BAD_REQUEST", system.DeviceType.UsesCpgs()
            ? $"An application set named '{name}' already exists on system {system.Name}."
            : $"A volume collection named '{name}' already exists on system {system.Name}.");

    private static string SetNoun(StorageSystem system) =>
        system.DeviceType.UsesCpgs() ? "application set" : "volume collection";

    private bool SetNameTaken(StorageSystem system, string name, string exceptId) =>
        volumeSets.Exists(s => s.SystemId == system.Id && s.Id != exceptId && s.Name == name)
        || reservedSetNames.Contains(NameKey(system.Id, name));

    /// <summary>
    /// Volumes to add, by name (device-type1/4) or id (device-type2): each must be on this system and in no other
    /// set, nor promised to one by a running task.
    /// </summary>
    private ArrayFailure ResolveNewMembers(
        StorageSystem system, string forSetId, IReadOnlyList<string> refs, out List<string> volumeIds)
    {
        volumeIds = [];
        foreach (var reference in refs.Distinct(StringComparer.Ordinal))
        {
            var volume = FindMember(system, reference);
            if (volume is null)
            {
                return new ArrayFailure("NOT_FOUND", $"Volume '{reference}' does not exist on system {system.Name}.",
                    "Add only volumes of the set's own system; list them with GET "
                    + "/api/v1/storage-systems/{systemId}/volumes.");
            }

            var ownerId = volumeSetIdByVolume.GetValueOrDefault(volume.Id);
            if (ownerId is not null && ownerId != forSetId)
            {
                var owner = volumeSets.Find(s => s.Id == ownerId);
                return new ArrayFailure("BAD_REQUEST",
                    $"Volume '{volume.Name}' is already a member of {SetNoun(system)} '{owner.Name}'.");
            }

            if (reservedSetMembers.Contains(volume.Id))
            {
                return new ArrayFailure(
                    "BAD_REQUEST", $"Volume '{volume.Name}' is being added to a volume set by a running task.");
            }

            volumeIds.Add(volume.Id);
        }

        return null;
    }

    private ArrayFailure ResolveRemovedMembers(
        StorageSystem system, VolumeSet set, IReadOnlyList<string> refs, out List<string> volumeIds)
    {
        volumeIds = [];
        foreach (var reference in refs.Distinct(StringComparer.Ordinal))
        {
            var volume = FindMember(system, reference);
            if (volume is null)
            {
                return new ArrayFailure("NOT_FOUND", $"Volume '{reference}' does not exist on system {system.Name}.",
                    "Remove only volumes the set lists as members.");
            }

            if (!set.MemberIds.Contains(volume.Id))
            {
                return new ArrayFailure(
                    "BAD_REQUEST", $"Volume '{volume.Name}' is not a member of {SetNoun(system)} '{set.Name}'.");
            }

            volumeIds.Add(volume.Id);
        }

        return null;
    }

    private Volume FindMember(StorageSystem system, string reference) =>
        system.DeviceType.UsesCpgs()
            ? volumesBySystem[system.Id].Find(v => v.Name == reference)
            : volumesById.GetValueOrDefault(reference) is { } volume && volume.SystemId == system.Id ? volume : null;

    private void ReleaseSetChange(PendingVolumeSetChange change)
    {
        if (change.ReservedName is not null)
        {
            reservedSetNames.Remove(NameKey(change.SystemId, change.ReservedName));
        }

        reservedSetMembers.ExceptWith(change.Added);
    }

    private void AddSetLocked(VolumeSet set)
    {
        volumeSets.Add(set);
        foreach (var volumeId in set.MemberIds)
        {
            volumeSetIdByVolume[volumeId] = set.Id;
        }
    }

    private void RemoveSetLocked(VolumeSet set)
    {
        volumeSets.Remove(set);
        foreach (var volumeId in set.MemberIds)
        {
            volumeSetIdByVolume.Remove(volumeId);
        }
    }
}
