using System;
using System.Collections.Generic;

namespace DsccPowerShell.Engine.Sessions
{
    /// <summary>The DSCC regions and their API hosts, as the official spec's server list gives them.</summary>
    public static class DsccRegions
    {
        /// <summary>The token endpoint of HPE's SSO service, shared by every region.</summary>
        public static readonly Uri DefaultTokenUri = new Uri("https://sso.common.cloud.hpe.com/as/token.oauth2");

        private static readonly Dictionary<string, Uri> BaseUris =
            new Dictionary<string, Uri>(StringComparer.OrdinalIgnoreCase)
            {
                ["us1"] = new Uri("https://us1.data.cloud.hpe.com"),
                ["eu1"] = new Uri("https://eu1.data.cloud.hpe.com"),
                ["jp1"] = new Uri("https://jp1.data.cloud.hpe.com"),
            };

        /// <summary>Gets the region names.</summary>
        public static IEnumerable<string> Names => BaseUris.Keys;

        /// <summary>Gets the API base URI of a region.</summary>
        /// <exception cref="DsccSettingException">The region is not one of <see cref="Names"/>.</exception>
        public static Uri GetBaseUri(string region)
        {
            if (region != null && BaseUris.TryGetValue(region, out Uri uri))
            {
                return uri;
            }

            throw new DsccSettingException(
                $"'{region}' is not a DSCC region. Use one of: {string.Join(", ", Names)}.",
                nameof(DsccConnectionSettings.Region),
                region);
        }
    }
}
