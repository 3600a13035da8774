using System.Globalization;

namespace DsccSimulator.Store;

/// <summary>
/// Makes ids in the formats the spec examples show. Driven by a seeded <see cref="Random"/> so a given seed always
/// produces the same fleet. Not thread-safe: callers hold the store lock.
/// </summary>
public sealed class IdFactory(Random random)
{
    private const string UpperLetters = "ABCDEFGHJKLMNPQRSTUVWXYZ";

    /// <summary>Lower-case hex, e.g. the 32-hex UIDs of device-type1/4 volumes and CPGs.</summary>
    public string Hex(int length)
    {
        Span<char> chars = stackalloc char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = "0123456789abcdef"[random.Next(16)];
        }

        return new string(chars);
    }

    /// <summary>
    /// A 42-hex Nimble NsObjectID: 2-hex object type, 16-hex group id, 24-hex object index
    /// (spec examples <c>0a00000000000004d3000000000000000000000001</c>, <c>2a0df0fe6f7dc7bb16...4817</c>).
    /// </summary>
    public static string NimbleObjectId(string objectType, string groupHex, long index) =>
        objectType + groupHex + index.ToString("x24", CultureInfo.InvariantCulture);

    /// <summary>A Primera-style serial such as <c>7CE751P312</c>.</summary>
    public string PrimeraSerial() =>
        $"7CE{random.Next(100, 1000)}P{random.Next(0, 1000):D3}";

    /// <summary>An Alletra MP / HPE factory serial such as <c>SGH029VBHV</c>.</summary>
    public string FactorySerial() =>
        $"SGH{random.Next(0, 1000):D3}{Letter()}{Letter()}{Letter()}{Letter()}";

    /// <summary>A 16-hex 3PAR-lineage system WWN such as <c>2FF70002AC018D94</c>.</summary>
    public string SystemWwn() => "2FF70002AC" + Hex(6).ToUpperInvariant();

    /// <summary>
    /// A 3PAR-lineage volume WWN: HPE NAA prefix, the volume number, then the system's serial bits
    /// (shape of the spec example <c>60002AC0000000000000006B0001FFEB</c>).
    /// </summary>
    public static string PrimeraVolumeWwn(long volumeNumber, string systemWwn) =>
        string.Create(CultureInfo.InvariantCulture, $"60002AC000000000{volumeNumber:X8}00{systemWwn[^6..]}");

    /// <summary>A Nimble volume serial: 16 hex of the group, Nimble's OUI <c>6c9ce9</c>, 8 hex of the volume.</summary>
    public static string NimbleSerial(string groupPart, string volumePart) => groupPart + "6c9ce900" + volumePart[..8];

    /// <summary>A Nimble volume WWN: NAA type 6 followed by the volume's serial number.</summary>
    public static string NimbleVolumeWwn(string serialNumber) => ("6" + serialNumber.ToUpperInvariant())[..32];

    private char Letter() => UpperLetters[random.Next(UpperLetters.Length)];
}
