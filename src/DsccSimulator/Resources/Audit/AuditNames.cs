using DsccSimulator.Store;

namespace DsccSimulator.Resources.Audit;

/// <summary>Readable names for audit messages: of resource types, and of the resources themselves.</summary>
public static class AuditNames
{
    private static readonly Dictionary<string, string> Nouns = new(StringComparer.OrdinalIgnoreCase)
    {
        ["host-initiator"] = "host",
        ["host-initiator-group"] = "host group",
        ["applicationset"] = "application set",
    };

    /// <summary><c>host-initiator-group</c> reads "host group", <c>volume-collection</c> "volume collection".</summary>
    public static string Noun(string type) => Nouns.GetValueOrDefault(type) ?? type.Replace('-', ' ');

    /// <summary>
    /// The current name of a resource the simulator keeps, or null for types it does not know (which then fall back
    /// to the name in the request body, or the id). Called before the write runs, so a delete still finds it.
    /// </summary>
    public static string Lookup(FleetStore store, string type, string id)
    {
        if (id is null)
        {
            return null;
        }

        return type switch
        {
            "host-initiator" => store.Hosts.Snapshot().FindHost(id)?.Name,
            "host-initiator-group" => store.Hosts.Snapshot().FindGroup(id)?.Name,
            "initiator" => store.Hosts.Snapshot().FindInitiator(id) is { } i ? i.Name ?? i.Address : null,
            "storage-system" => store.FindSystem(id)?.Name,
            "volume" => store.FindVolume(id)?.Name,
            "applicationset" or "volume-collection" or "volume-set" => store.FindVolumeSet(id)?.Name,
            _ => null,
        };
    }
}
