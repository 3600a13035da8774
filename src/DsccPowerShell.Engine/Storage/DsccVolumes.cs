using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Net.Http;
using DsccPowerShell.Engine.Http;
using DsccPowerShell.Engine.Json;
using DsccPowerShell.Engine.Paging;
using DsccPowerShell.Engine.Sessions;
using Newtonsoft.Json.Linq;

namespace DsccPowerShell.Engine.Storage
{
    /// <summary>What the user asked for when creating a volume, before the device type is known.</summary>
    public sealed class NewVolumeRequest
    {
        /// <summary>Gets or sets the id of the system to create the volume on.</summary>
        public string SystemId { get; set; }

        /// <summary>Gets or sets the volume name.</summary>
        public string Name { get; set; }

        /// <summary>Gets or sets the size in MiB.</summary>
        public long SizeMiB { get; set; }

        /// <summary>
        /// Gets or sets the pool: the CPG name on device-type1 and 4; a pool name or id on device-type2, where it
        /// may be left out to use the array's default pool.
        /// </summary>
        public string Pool { get; set; }
    }

    /// <summary>A create request turned into the exact call its device type needs.</summary>
    public sealed class VolumeCreatePlan
    {
        internal VolumeCreatePlan(NewVolumeRequest request, DeviceType deviceType, string path, JObject body)
        {
            Request = request;
            DeviceType = deviceType;
            Path = path;
            Body = body;
        }

        /// <summary>Gets the request the plan was made from.</summary>
        public NewVolumeRequest Request { get; }

        /// <summary>Gets the system's device type.</summary>
        public DeviceType DeviceType { get; }

        /// <summary>Gets the per-type path the create goes to.</summary>
        public string Path { get; }

        internal JObject Body { get; }

        /// <summary>Gets the body as it will be sent, for -Debug output.</summary>
        public string BodyJson => DsccJson.Serialize(Body);
    }

    /// <summary>Lists, reads and creates volumes.</summary>
    public static class DsccVolumes
    {
        private const string VolumesPath = "/api/v1/volumes";

        /// <summary>
        /// Streams volumes: all of them, or one system's when <paramref name="systemId"/> is given.
        /// </summary>
        public static IEnumerable<PSObject> List(
            DsccSession session,
            string systemId,
            DsccQuery query,
            DsccCallContext context)
        {
            string path = systemId == null
                ? VolumesPath
                : DsccStorageSystems.SystemPath(systemId) + "/volumes";
            return DsccPager.EnumerateAll(session, path, query, DsccTypeNames.Volume, context);
        }

        /// <summary>Gets one volume by id from the generic view.</summary>
        public static PSObject Get(DsccSession session, string volumeId, DsccCallContext context)
        {
            JObject volume = session.Api.GetObject(VolumesPath + "/" + DsccPathSegment.Of(volumeId, "volume"), context);
            return DsccJson.ToPSObject(volume, DsccTypeNames.Volume);
        }

        /// <summary>
        /// Finds the system's device type and builds the body its create operation requires: camelCase
        /// <c>createVolumeInput</c> / <c>ArcuscreateVolumeInput</c> on device-type1 and 4 (with the CPG named as the
        /// array spells it), snake_case <c>NimbleCreateVolumeInput</c> on device-type2 (with the pool's id). The
        /// pool is checked against the system's pools first, so a wrong one fails here, not in a task on the array.
        /// </summary>
        public static VolumeCreatePlan PlanCreate(
            DsccSession session,
            NewVolumeRequest request,
            DsccCallContext context)
        {
            DeviceType deviceType = DsccStorageSystems.GetDeviceType(session, request.SystemId, context);
            string path = "/api/v1/storage-systems/" + deviceType.PathSegment() + "/" +
                DsccPathSegment.Of(request.SystemId, "storage system") + "/volumes";

            JObject body;
            if (deviceType == DeviceType.DeviceType2)
            {
                body = new JObject { ["name"] = request.Name, ["size"] = request.SizeMiB };
                if (!string.IsNullOrEmpty(request.Pool))
                {
                    body["pool_id"] = Property(ResolvePool(session, request, "pool", context), "id");
                }
            }
            else
            {
                if (string.IsNullOrEmpty(request.Pool))
                {
                    throw new ArgumentException(string.Format(
                        CultureInfo.CurrentCulture,
                        "Storage system {0} is {1}: name the CPG to create the volume in with -Pool.",
                        request.SystemId,
                        deviceType.PathSegment()));
                }

                body = new JObject
                {
                    ["name"] = request.Name,
                    ["sizeMib"] = request.SizeMiB,
                    ["userCpg"] = Property(ResolvePool(session, request, "CPG", context), "name"),
                };
            }

            return new VolumeCreatePlan(request, deviceType, path, body);
        }

        /// <summary>Sends the create and returns the task reference DSCC answered with.</summary>
        public static string SubmitCreate(DsccSession session, VolumeCreatePlan plan, DsccCallContext context)
        {
            JToken answer = session.Api.Send(HttpMethod.Post, plan.Path, plan.Body, context);
            string taskUri = (string)answer?["taskUri"];
            if (string.IsNullOrEmpty(taskUri))
            {
                throw new InvalidOperationException(string.Format(
                    CultureInfo.CurrentCulture,
                    "DSCC accepted the create of volume '{0}' but returned no task to follow.",
                    plan.Request.Name));
            }

            return taskUri;
        }

        /// <summary>
        /// Reads the volume a succeeded create task made: from the task's associated resources, or by name on
        /// the system when the task lists none.
        /// </summary>
        public static PSObject GetCreatedVolume(
            DsccSession session,
            VolumeCreatePlan plan,
            PSObject task,
            DsccCallContext context)
        {
            string volumeId = FindVolumeIdInTask(task);
            if (volumeId != null)
            {
                return Get(session, volumeId, context);
            }

            string literal = DsccQuery.QuoteFilterLiteral(plan.Request.Name);
            DsccQuery byName = literal == null ? null : new DsccQuery().Add("filter", "name eq " + literal);
            PSObject found = List(session, plan.Request.SystemId, byName, context)
                .FirstOrDefault(v => string.Equals(
                    v.Properties["name"]?.Value as string, plan.Request.Name, StringComparison.Ordinal));
            if (found == null)
            {
                throw new InvalidOperationException(string.Format(
                    CultureInfo.CurrentCulture,
                    "The task creating volume '{0}' succeeded, but the volume is not listed on system {1}.",
                    plan.Request.Name,
                    plan.Request.SystemId));
            }

            return found;
        }

        private static string FindVolumeIdInTask(PSObject task)
        {
            if (!(task.Properties["associatedResources"]?.Value is object[] resources))
            {
                return null;
            }

            foreach (PSObject resource in resources.OfType<PSObject>())
            {
                string type = resource.Properties["type"]?.Value as string;
                string uri = resource.Properties["resourceUri"]?.Value as string;
                bool isVolume = type != null && type.IndexOf("volume", StringComparison.OrdinalIgnoreCase) >= 0 &&
                    type.IndexOf("volume-set", StringComparison.OrdinalIgnoreCase) < 0;
                if (isVolume && !string.IsNullOrEmpty(uri))
                {
                    return uri.TrimEnd('/').Substring(uri.TrimEnd('/').LastIndexOf('/') + 1);
                }
            }

            return null;
        }

        /// <summary>
        /// Finds the pool -Pool names: by id, else by exact name, else by the one name that differs only in case
        /// (PowerShell users expect any case; two such names would make the choice a guess).
        /// </summary>
        private static PSObject ResolvePool(
            DsccSession session,
            NewVolumeRequest request,
            string noun,
            DsccCallContext context)
        {
            PSObject[] pools = DsccStorageSystems.ListPools(session, request.SystemId, context).ToArray();
            PSObject[] anyCase = pools
                .Where(p => string.Equals(Property(p, "name"), request.Pool, StringComparison.OrdinalIgnoreCase))
                .ToArray();
            PSObject match =
                pools.FirstOrDefault(p => string.Equals(Property(p, "id"), request.Pool, StringComparison.Ordinal)) ??
                anyCase.FirstOrDefault(p => string.Equals(Property(p, "name"), request.Pool, StringComparison.Ordinal))
                ?? (anyCase.Length == 1 ? anyCase[0] : null);
            if (match == null)
            {
                throw new ArgumentException(string.Format(
                    CultureInfo.CurrentCulture,
                    "Storage system {0} has no {1} named or with id '{2}'{3}. Its {1}s: {4}.",
                    request.SystemId,
                    noun,
                    request.Pool,
                    anyCase.Length > 1 ? " (several differ from it only in case)" : string.Empty,
                    string.Join(", ", pools.Select(p => Property(p, "name")))));
            }

            return match;
        }

        private static string Property(PSObject item, string name) => item.Properties[name]?.Value as string;
    }
}
