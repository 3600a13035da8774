using System.Text.RegularExpressions;

namespace DsccSimulator.Store;

/// <summary>
/// The fixed vocabularies of fleet hosts: operating systems as <c>CreateHostInput.operatingSystem</c> lists them,
/// initiator protocols, the array persona DSCC picks for each OS, and what a valid initiator address looks like.
/// </summary>
public static partial class HostCatalog
{
    public const string Fc = "FC";

    public const string Iscsi = "iSCSI";

    public const string Nvme = "NVMe";

    /// <summary>"Possible Values" of <c>CreateHostInput.operatingSystem</c>, spelled as the spec does.</summary>
    public static IReadOnlyList<string> OperatingSystems { get; } =
    [
        "AIX", "Apple", "Citrix Hypervisor(XenServer)", "HP-UX", "IBM VIO Server", "InForm", "NetApp/ONTAP",
        "OE Linux UEK", "OpenVMS", "Oracle VM x86", "RHE Linux", "RHE Virtualization", "Solaris", "SuSE Linux",
        "SuSE Virtualization", "Ubuntu", "VMware (ESXi)", "Windows Server",
    ];

    public static IReadOnlyList<string> Protocols { get; } = [Fc, Iscsi, Nvme];

    /// <summary>The spec's own spelling of an operating system, matched case-insensitively; null if unknown.</summary>
    public static string CanonicalOperatingSystem(string value) =>
        OperatingSystems.FirstOrDefault(os => string.Equals(os, value?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>FC, iSCSI or NVMe in their usual spelling, matched case-insensitively; null if unknown.</summary>
    public static string CanonicalProtocol(string value) =>
        Protocols.FirstOrDefault(p => string.Equals(p, value?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The host persona an array uses for an operating system (3PAR <c>createhost -persona</c> names), used when the
    /// request leaves <c>persona</c> out.
    /// </summary>
    public static string DefaultPersona(string operatingSystem) => operatingSystem switch
    {
        "VMware (ESXi)" => "VMware",
        "Windows Server" => "WindowsServer",
        "AIX" => "AIX-ALUA",
        "HP-UX" => "HPUX",
        "OpenVMS" => "OpenVMS",
        "NetApp/ONTAP" => "ONTAP-Legacy",
        "RHE Linux" or "SuSE Linux" or "Ubuntu" or "OE Linux UEK" or "Oracle VM x86" => "Generic-ALUA",
        _ => "Generic",
    };

    /// <summary>
    /// The stored form of an initiator address, or null when it does not fit the protocol: FC takes a 16-hex WWN
    /// (colons allowed, stored upper-case without them as in the spec example <c>100008F1EABFE61C</c>), iSCSI an
    /// <c>iqn.</c> or <c>eui.</c> name, NVMe an <c>nqn.</c> name (both stored lower-case, as initiators report them).
    /// </summary>
    public static string NormalizeAddress(string protocol, string address)
    {
        var trimmed = address?.Trim() ?? "";
        return protocol switch
        {
            Fc when FcWwn().IsMatch(trimmed) => trimmed.Replace(":", "", StringComparison.Ordinal).ToUpperInvariant(),
            Iscsi when IscsiName().IsMatch(trimmed) => trimmed.ToLowerInvariant(),
            Nvme when NvmeName().IsMatch(trimmed) => trimmed.ToLowerInvariant(),
            _ => null,
        };
    }

    public static string AddressRule(string protocol) => protocol switch
    {
        Fc => "a 16-hex-digit WWN such as 100008F1EABFE61C (colons allowed)",
        Iscsi => "an iSCSI name starting with iqn. or eui.",
        _ => "an NVMe qualified name starting with nqn.",
    };

    [GeneratedRegex("^(?:[0-9A-Fa-f]{16}|(?:[0-9A-Fa-f]{2}:){7}[0-9A-Fa-f]{2})$")]
    private static partial Regex FcWwn();

    [GeneratedRegex(@"^(?:iqn\.\d{4}-\d{2}\.[^\s]+|eui\.[0-9A-Fa-f]{16})$", RegexOptions.IgnoreCase)]
    private static partial Regex IscsiName();

    [GeneratedRegex(@"^nqn\.\d{4}-\d{2}\.[^\s]+$", RegexOptions.IgnoreCase)]
    private static partial Regex NvmeName();
}
