using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using System.Net.Http;
using DsccPowerShell.Engine.Http;
using DsccPowerShell.Engine.Json;
using DsccPowerShell.Engine.Sessions;
using Newtonsoft.Json.Linq;

namespace DsccPowerShell.Engine.Paging
{
    /// <summary>
    /// Walks a DSCC list page by page with offset and limit. Items are yielded as each page arrives, so a caller
    /// that streams them never holds the whole list.
    /// </summary>
    public static class DsccPager
    {
        /// <summary>The page size asked for; DSCC may answer with fewer per page, which the pager follows.</summary>
        public const int RequestedPageSize = 500;

        /// <summary>Yields every item of the list at <paramref name="path"/>, as PSObjects of the given type.</summary>
        /// <param name="session">The session to call.</param>
        /// <param name="path">The list's path, such as /api/v1/volumes.</param>
        /// <param name="query">Filter, sort or select parameters; offset and limit are added here.</param>
        /// <param name="typeName">The type name given to each item.</param>
        /// <param name="context">The caller's cancellation, time limit and reporting.</param>
        public static IEnumerable<PSObject> EnumerateAll(
            DsccSession session,
            string path,
            DsccQuery query,
            string typeName,
            DsccCallContext context)
        {
            long offset = 0;
            while (true)
            {
                context.Cancellation.ThrowIfCancellationRequested();
                string pageUri = PageUri(path, query, offset);
                JObject page = session.Api.GetObject(pageUri, context);
                if (!(page["items"] is JArray items))
                {
                    throw new DsccApiException(
                        string.Format(CultureInfo.CurrentCulture, "GET {0} did not answer with a list page.", path),
                        HttpMethod.Get,
                        new Uri(session.BaseUri, pageUri),
                        System.Net.HttpStatusCode.OK,
                        "not a list page",
                        errorCode: null,
                        traceId: null);
                }

                foreach (JToken item in items)
                {
                    if (item is JObject itemObject)
                    {
                        yield return DsccJson.ToPSObject(itemObject, typeName);
                    }
                }

                offset += items.Count;
                long? total = ReadLong(page["total"]);
                if (items.Count == 0)
                {
                    if (total.HasValue && offset < total.Value)
                    {
                        context.Warning(string.Format(
                            CultureInfo.CurrentCulture,
                            "{0} reported {1} items but returned an empty page at offset {2}; the list may be " +
                            "incomplete.",
                            path,
                            total.Value,
                            offset));
                    }

                    yield break;
                }

                bool reachedTotal = total.HasValue && offset >= total.Value;
                long pageLimit = ReadLong(page["pageLimit"]) ?? RequestedPageSize;
                bool shortPageWithoutTotal = !total.HasValue && items.Count < Math.Min(pageLimit, RequestedPageSize);
                if (reachedTotal || shortPageWithoutTotal)
                {
                    yield break;
                }
            }
        }

        private static string PageUri(string path, DsccQuery query, long offset)
        {
            string withFilters = query == null ? path : query.AppendTo(path);
            return new DsccQuery()
                .Add("offset", offset.ToString(CultureInfo.InvariantCulture))
                .Add("limit", RequestedPageSize.ToString(CultureInfo.InvariantCulture))
                .AppendTo(withFilters);
        }

        private static long? ReadLong(JToken token)
        {
            if (token == null || (token.Type != JTokenType.Integer && token.Type != JTokenType.Float))
            {
                return null;
            }

            return (long)token;
        }
    }
}
