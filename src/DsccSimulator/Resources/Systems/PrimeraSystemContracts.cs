using System.Text.Json.Serialization;
using DsccSimulator.Resources.Common;

namespace DsccSimulator.Resources.Systems;

/// <summary>
/// Fields shared by the device-type1 (<c>primeraStorageSystem*</c>) and device-type4 (<c>arcusStorageSystem*</c>)
/// system schemas, which the spec defines with the same names and types. Only a realistic subset is filled.
/// </summary>
public abstract class PrimeraLineageSystemFields
{
    public IReadOnlyList<AssociatedLink> AssociatedLinks { get; set; }

    public string CenterplaneType { get; set; }

    public int ChunkletSizeMiB { get; set; }

    [JsonPropertyName("clusterLED")]
    public string ClusterLed { get; set; }

    public string CustomerId { get; set; }

    public SystemDescriptors Descriptors { get; set; }

    public long DeviceId { get; set; }

    /// <summary>An object <c>{key, default}</c>, not a string.</summary>
    public MessageKey DeviceType { get; set; }

    /// <summary>Spelled <c>displayname</c> (lower-case n) in the spec.</summary>
    [JsonPropertyName("displayname")]
    public string DisplayName { get; set; }

    public long Generation { get; set; }

    public string Id { get; set; }

    public IReadOnlyList<int> InClusterNodes { get; set; }

    [JsonPropertyName("isFIPSEnabled")]
    public bool IsFipsEnabled { get; set; }

    public bool LocateEnabled { get; set; }

    public SystemManufacturing Manufacturing { get; set; }

    public int MasterNode { get; set; }

    public long MinimumPasswordLength { get; set; }

    public string Name { get; set; }

    public int NetworkMasterNode { get; set; }

    public string NodeMemory { get; set; }

    public int NodesCount { get; set; }

    public IReadOnlyList<int> NodesPresent { get; set; }

    public IReadOnlyList<int> OnlineNodes { get; set; }

    public string ResourceUri { get; set; }

    public bool SafeToRemove { get; set; }

    public SoftwareVersions SoftwareVersions { get; set; }

    public OverallState State { get; set; }

    public long SystemDate { get; set; }

    [JsonPropertyName("systemWWN")]
    public string SystemWwn { get; set; }

    public string Timezone { get; set; }

    public string Type { get; set; }

    public CalendarTime Uptime { get; set; }

    public SystemVersion Version { get; set; }
}

/// <summary>Spec schema <c>primeraStorageSystemDetailList</c>: item of <c>GET .../device-type1</c>.</summary>
public class PrimeraStorageSystemDetailList : PrimeraLineageSystemFields
{
    public string OverallState { get; set; }
}

/// <summary>Spec schema <c>primeraStorageSystemDetail</c>: <c>GET .../device-type1/{id}</c>.</summary>
public sealed class PrimeraStorageSystemDetail : PrimeraLineageSystemFields
{
    public string ConsoleUri { get; set; }

    public string Fqdn { get; set; }

    public string RequestUri { get; set; }
}

/// <summary>Spec schema <c>arcusStorageSystemDetailList</c>: item of <c>GET .../device-type4</c>.</summary>
public sealed class ArcusStorageSystemDetailList : PrimeraStorageSystemDetailList
{
    public string OverallStateDescription { get; set; }
}

/// <summary>Spec schema <c>arcusStorageSystemDetail</c>: <c>GET .../device-type4/{id}</c>.</summary>
public sealed class ArcusStorageSystemDetail : PrimeraLineageSystemFields
{
    public string ConsoleUri { get; set; }

    public string Fqdn { get; set; }

    public string RequestUri { get; set; }
}

/// <summary>Spec schema <c>descriptors</c> / <c>Arcusdescriptors</c>.</summary>
public sealed record SystemDescriptors(string Comment, string Contact, string Location, string Owner);

/// <summary>Spec schemas <c>manufacturingSys</c> / <c>manufacturingSingle</c> (same names).</summary>
public sealed record SystemManufacturing(string HpeModelName, string Manufacturer, string Model, string SerialNumber);

/// <summary>Spec schemas <c>softwareVersions</c> / <c>softwareVersionsSolo</c> (without <c>components</c>).</summary>
public sealed record SoftwareVersions(string BaseVersion, string FullVersion, string Patches, string Release);

/// <summary>Spec schema <c>version</c>: <c>{base, display, full, fullWithoutPatches}</c>.</summary>
public sealed record SystemVersion(string Base, string Display, string Full, string FullWithoutPatches);
