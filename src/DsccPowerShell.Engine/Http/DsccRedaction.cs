using System;
using System.Linq;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace DsccPowerShell.Engine.Http
{
    /// <summary>Makes bodies safe to show in -Debug output: values of secret-looking fields become ***.</summary>
    internal static class DsccRedaction
    {
        private const int MaximumShownLength = 4000;

        private static readonly string[] SecretNameParts =
        {
            "secret", "password", "passwd", "token", "authorization", "chap", "credential", "private",
        };

        /// <summary>A URI as it may be shown: scheme, host, port and path; never user info, maybe a password.</summary>
        public static string ForDisplay(Uri uri) =>
            !uri.IsAbsoluteUri
                ? uri.OriginalString
                : uri.Scheme + Uri.SchemeDelimiter + uri.Host + (uri.IsDefaultPort ? string.Empty : ":" + uri.Port) +
                  uri.AbsolutePath;

        public static string ForDisplay(string body)
        {
            if (string.IsNullOrEmpty(body))
            {
                return "(empty)";
            }

            JToken parsed;
            try
            {
                parsed = JToken.Parse(body);
            }
            catch (JsonException)
            {
                // Not JSON (an HTML error page, say): its size is shown, never its text, which could echo anything.
                return "(" + body.Length + " characters, not JSON)";
            }

            Redact(parsed);
            string shown = parsed.ToString(Formatting.None);
            return shown.Length <= MaximumShownLength
                ? shown
                : shown.Substring(0, MaximumShownLength) + "... (" + shown.Length + " characters)";
        }

        private static void Redact(JToken token)
        {
            if (token is JObject obj)
            {
                foreach (JProperty property in obj.Properties().ToList())
                {
                    if (IsSecretName(property.Name) && property.Value.Type != JTokenType.Null)
                    {
                        property.Value = "***";
                    }
                    else
                    {
                        Redact(property.Value);
                    }
                }
            }
            else if (token is JArray array)
            {
                foreach (JToken item in array)
                {
                    Redact(item);
                }
            }
        }

        private static bool IsSecretName(string name) =>
            SecretNameParts.Any(part => name.IndexOf(part, StringComparison.OrdinalIgnoreCase) >= 0);
    }
}
