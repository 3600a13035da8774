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

    /// <summary>Per-type snapshot URI (device-type1/2/4 alike): <c>.../volumes/{volumeId}/snapshots/{id}</c>.</summary>
    public static string PerTypeSnapshot(Snapshot snapshot) =>
        $"{snapshot.DeviceType.SystemBaseUri(snapshot.SystemId)}/volumes/{snapshot.VolumeId}/snapshots/{snapshot.Id}";

    /// <summary>device-type1/4 VLUN: <c>.../volumes/{volumeId}/vluns/{id}</c>.</summary>
    public static string PerTypeVlun(Volume volume, VolumeExport vlun) => $"{PerTypeVolume(volume)}/vluns/{vlun.Id}";

    /// <summary>device-type2 access control record: <c>.../{systemId}/access-control-records/{id}</c>.</summary>
    public static string AccessControlRecord(Volume volume, VolumeExport record) =>
        $"{volume.DeviceType.SystemBaseUri(volume.SystemId)}/access-control-records/{record.Id}";

    /// <summary>Fleet host group (<c>/api/v1/host-initiator-groups/{id}</c>).</summary>
    public static string HostGroup(string hostGroupId) => $"{Api}/host-initiator-groups/{hostGroupId}";

    /// <summary>Console (UI) links are relative, as in the spec examples.</summary>
    public static string ConsoleSystem(StorageSystem system) =>
        $"data-ops-manager/storage-systems/{system.DeviceType.PathSegment()}/{system.Id}";

    public static string ConsoleVolume(Volume volume) =>
        $"data-ops-manager/storage-systems/{volume.DeviceType.PathSegment()}/{volume.SystemId}/volumes/{volume.Id}";

    public static string ConsoleSnapshot(Snapshot snapshot) =>
        $"data-ops-manager/storage-systems/{snapshot.DeviceType.PathSegment()}/{snapshot.SystemId}/volumes/"
        + $"{snapshot.VolumeId}/snapshots/{snapshot.Id}";

    public static string ConsoleVlun(Volume volume, VolumeExport vlun) => $"{ConsoleVolume(volume)}/vluns/{vlun.Id}";

    public static string ConsoleAccessControlRecord(Volume volume, VolumeExport record) =>
        $"data-ops-manager/storage-systems/{volume.DeviceType.PathSegment()}/{volume.SystemId}/"
        + $"access-control-records/{record.Id}";
}
