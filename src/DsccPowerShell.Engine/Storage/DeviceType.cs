using System;
using System.Globalization;

namespace DsccPowerShell.Engine.Storage
{
    /// <summary>The array families DSCC writes to through per-type paths.</summary>
    public enum DeviceType
    {
        /// <summary>HPE Primera / Alletra 9000: camelCase bodies, CPGs.</summary>
        DeviceType1 = 1,

        /// <summary>HPE Nimble / Alletra 5000 and 6000: snake_case bodies, pools.</summary>
        DeviceType2 = 2,

        /// <summary>HPE Alletra Storage MP (block): camelCase bodies, CPGs.</summary>
        DeviceType4 = 4,
    }

    /// <summary>Reads device types as DSCC writes them, and names their path segments.</summary>
    public static class DeviceTypes
    {
        /// <summary>
        /// Reads a generic system's <c>productFamily</c> ("deviceType1") or a path segment ("device-type1").
        /// </summary>
        /// <returns>False for a family this module cannot write to yet, such as a newer device type.</returns>
        public static bool TryParse(string value, out DeviceType deviceType)
        {
            deviceType = default;
            if (string.IsNullOrWhiteSpace(value))
            {
                return false;
            }

            string compact = value.Replace("-", string.Empty).Trim();
            const string Prefix = "devicetype";
            if (!compact.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) ||
                !int.TryParse(
                    compact.Substring(Prefix.Length),
                    NumberStyles.None,
                    CultureInfo.InvariantCulture,
                    out int number))
            {
                return false;
            }

            if (!Enum.IsDefined(typeof(DeviceType), number))
            {
                return false;
            }

            deviceType = (DeviceType)number;
            return true;
        }

        /// <summary>Gets the path segment, such as device-type2.</summary>
        public static string PathSegment(this DeviceType deviceType) =>
            "device-type" + ((int)deviceType).ToString(CultureInfo.InvariantCulture);
    }
}
