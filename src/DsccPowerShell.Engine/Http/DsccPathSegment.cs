using System;

namespace DsccPowerShell.Engine.Http
{
    /// <summary>Puts an id into one segment of a request path.</summary>
    internal static class DsccPathSegment
    {
        /// <summary>
        /// Escapes <paramref name="id"/> for a path segment. "." and ".." survive escaping and would be read as
        /// steps up the path, reaching another endpoint (/storage-systems/../volumes is every volume), so they
        /// are refused.
        /// </summary>
        /// <param name="id">The id.</param>
        /// <param name="noun">What the id names, for the message: "volume", "storage system".</param>
        public static string Of(string id, string noun)
        {
            if (id == "." || id == "..")
            {
                throw new ArgumentException("'" + id + "' is not a " + noun + " id.");
            }

            return Uri.EscapeDataString(id);
        }
    }
}
