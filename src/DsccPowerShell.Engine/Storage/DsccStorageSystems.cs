using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using System.Net.Http;
using DsccPowerShell.Engine.Http;
using DsccPowerShell.Engine.Json;
using DsccPowerShell.Engine.Paging;
using DsccPowerShell.Engine.Sessions;
using Newtonsoft.Json.Linq;

namespace DsccPowerShell.Engine.Storage
{
    /// <summary>A system whose device type this module cannot write to (yet).</summary>
    [Serializable]
    public sealed class DsccUnsupportedDeviceTypeException : NotSupportedException
    {
        /// <summary>Creates the exception.</summary>
        public DsccUnsupportedDeviceTypeException(string systemId, string productFamily)
            : base(string.Format(
                CultureInfo.CurrentCulture,
                "Storage system {0} is of device type '{1}', which this version of DsccPowerShell cannot write " +
                "to. Supported: device-type1, device-type2, device-type4.",
                systemId,
                productFamily ?? "unknown"))
        {
            SystemId = systemId;
            ProductFamily = productFamily;
        }

        /// <summary>Gets the system id.</summary>
        public string SystemId { get; }

        /// <summary>Gets the device type DSCC reported.</summary>
        public string ProductFamily { get; }
    }

    /// <summary>Reads storage systems and their pools through DSCC's generic (all device types) view.</summary>
    public static class DsccStorageSystems
    {
        private const string SystemsPath = "/api/v1/storage-systems";

        /// <summary>Streams every storage system, filtered on the server by <paramref name="query"/>.</summary>
        public static IEnumerable<PSObject> List(DsccSession session, DsccQuery query, DsccCallContext context) =>
            DsccPager.EnumerateAll(session, SystemsPath, query, DsccTypeNames.StorageSystem, context);

        /// <summary>Gets one storage system; a 404 surfaces as a DsccApiException.</summary>
        public static PSObject Get(DsccSession session, string systemId, DsccCallContext context)
        {
            JObject system = session.Api.GetObject(SystemPath(systemId), context);
            return DsccJson.ToPSObject(system, DsccTypeNames.StorageSystem);
        }

        /// <summary>
        /// Finds which device type a system is, from the generic view's productFamily.
        /// </summary>
        /// <exception cref="DsccUnsupportedDeviceTypeException">The module cannot write to that family.</exception>
        public static DeviceType GetDeviceType(DsccSession session, string systemId, DsccCallContext context)
        {
            JToken system = session.Api.Send(HttpMethod.Get, SystemPath(systemId), body: null, context);
            string family = (string)system?["productFamily"];
            if (!DeviceTypes.TryParse(family, out DeviceType deviceType))
            {
                throw new DsccUnsupportedDeviceTypeException(systemId, family);
            }

            return deviceType;
        }

        /// <summary>Streams the storage pools (CPGs on device-type1 and 4) of one system.</summary>
        public static IEnumerable<PSObject> ListPools(DsccSession session, string systemId, DsccCallContext context) =>
            DsccPager.EnumerateAll(
                session, SystemPath(systemId) + "/storage-pools", query: null, DsccTypeNames.StoragePool, context);

        internal static string SystemPath(string systemId) =>
            SystemsPath + "/" + DsccPathSegment.Of(systemId, "storage system");
    }
}
