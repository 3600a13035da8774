using DsccSimulator.Store;

namespace DsccSimulator.Resources.Common;

/// <summary>
/// Every self link the simulator hands out, in one place. Per-type links follow the spec examples
/// (<c>/api/v1/storage-systems/device-type1/{systemId}/volumes/{id}</c> is a volume's <c>resourceUri</c> even in
/// the generic volume schema).
/// </summary>
public static class ResourceUris
{
    public const string Api = "/api/v1";

    public static string GenericSystem(string systemId) => $"{Api}/storage-systems/{systemId}";

    public static string PerTypeSystem(StorageSystem system) => system.DeviceType.SystemBaseUri(system.Id);

    public static string GenericPools(string systemId) => $"{GenericSystem(systemId)}/storage-pools";

    public static string PerTypePool(StoragePool pool) =>
        $"{pool.DeviceType.SystemBaseUri(pool.SystemId)}/storage-pools/{pool.Id}";

    public static string GenericVolume(string volumeId) => $"{Api}/volumes/{volumeId}";

    public static string PerTypeVolume(Volume volume) =>
        $"{volume.DeviceType.SystemBaseUri(volume.SystemId)}/volumes/{volume.Id}";

    public static string Task(Guid taskId) => $"{Api}/tasks/{taskId}";

    /// <summary>Console (UI) links are relative, as in the spec examples.</summary>
    public static string ConsoleSystem(StorageSystem system) =>
        $"data-ops-manager/storage-systems/{system.DeviceType.PathSegment()}/{system.Id}";

    public static string ConsoleVolume(Volume volume) =>
        $"data-ops-manager/storage-systems/{volume.DeviceType.PathSegment()}/{volume.SystemId}/volumes/{volume.Id}";
}
