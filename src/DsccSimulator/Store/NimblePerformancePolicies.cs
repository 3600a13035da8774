namespace DsccSimulator.Store;

/// <summary>
/// The one performance policy every simulated device-type2 array has. Volumes show its id, and an edit may name it,
/// so both must derive the same id from the array.
/// </summary>
public static class NimblePerformancePolicies
{
    public const string DefaultName = "default";

    /// <summary>The first object of its type in the array's group, as a new Nimble array's default policy is.</summary>
    public static string DefaultId(StorageSystem system) =>
        IdFactory.NimbleObjectId(NimbleObjectTypes.PerformancePolicy, system.Id[2..18], 1);
}
