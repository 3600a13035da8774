using DsccSimulator.Errors;
using DsccSimulator.Resources.Systems;
using DsccSimulator.Store;

namespace DsccSimulator.Resources.Volumes;

/// <summary>Resolves the <c>{systemId}</c> and volume id of a per-type path, or ends the request with a 404.</summary>
public static class VolumeLookup
{
    public static (StorageSystem System, Volume Volume) Require(
        FleetStore store, string systemId, string volumeId, DeviceType type)
    {
        var system = SystemEndpoints.Require(store, systemId, type);
        var volume = store.FindVolume(volumeId) is { } found && found.SystemId == system.Id
            ? found
            : throw ApiException.NotFound(
                $"Volume not found: system {system.Name} has no volume with id '{volumeId}'.");
        return (system, volume);
    }

    /// <summary>A fleet host group id from a request; unknown ids are a 404 naming the id.</summary>
    public static HostGroupRef RequireHostGroup(FleetStore store, string hostGroupId) =>
        store.FindHostGroup(hostGroupId)
        ?? throw ApiException.NotFound($"Host group not found: no host group has id '{hostGroupId}'.");
}
