namespace DsccSimulator.Store;

/// <summary>The array families DSCC exposes under <c>/api/v1/storage-systems/device-typeN</c>.</summary>
public enum DeviceType
{
    /// <summary>HPE Primera / Alletra 9000 (3PAR lineage: CPGs, camelCase payloads).</summary>
    DeviceType1 = 1,

    /// <summary>HPE Nimble / Alletra 5000/6000 (pools, snake_case payloads, 42-hex object ids).</summary>
    DeviceType2 = 2,

    /// <summary>HPE Alletra Storage MP block (same model as device-type1, <c>Arcus*</c> schemas).</summary>
    DeviceType4 = 4,
}

public static class DeviceTypes
{
    public static IReadOnlyList<DeviceType> All { get; } =
        [DeviceType.DeviceType1, DeviceType.DeviceType2, DeviceType.DeviceType4];

    // Literals rather than formatting: these run for every item of every list response.

    /// <summary>URL segment, e.g. <c>device-type1</c>.</summary>
    public static string PathSegment(this DeviceType type) => type switch
    {
        DeviceType.DeviceType1 => "device-type1",
        DeviceType.DeviceType2 => "device-type2",
        DeviceType.DeviceType4 => "device-type4",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>Value of <c>productFamily</c> in the generic (fleet) schemas, e.g. <c>deviceType1</c>.</summary>
    public static string ProductFamily(this DeviceType type) => type switch
    {
        DeviceType.DeviceType1 => "deviceType1",
        DeviceType.DeviceType2 => "deviceType2",
        DeviceType.DeviceType4 => "deviceType4",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>
    /// Base of every per-type URI of one system, e.g. <c>/api/v1/storage-systems/device-type1/7CE751P312</c>.
    /// </summary>
    public static string SystemBaseUri(this DeviceType type, string systemId) =>
        $"/api/v1/storage-systems/{type.PathSegment()}/{systemId}";

    /// <summary>CPG-based families (device-type1 and 4) share volume-create semantics and seed shapes.</summary>
    public static bool UsesCpgs(this DeviceType type) => type != DeviceType.DeviceType2;
}
