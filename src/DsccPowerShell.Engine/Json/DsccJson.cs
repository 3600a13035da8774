using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace DsccPowerShell.Engine.Json
{
    /// <summary>Reads DSCC's JSON and turns it into the PSObjects the cmdlets emit.</summary>
    public static class DsccJson
    {
        private static readonly JsonSerializerSettings ReadSettings = new JsonSerializerSettings
        {
            // Timestamps stay the strings DSCC sent: no culture or time-zone guess can shift them.
            DateParseHandling = DateParseHandling.None,
            FloatParseHandling = FloatParseHandling.Double,
            MaxDepth = 128,
        };

        /// <summary>Parses a response body; an empty body gives null.</summary>
        public static JToken Parse(string text)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            using (var reader = new JsonTextReader(new StringReader(text)))
            {
                reader.DateParseHandling = ReadSettings.DateParseHandling;
                reader.FloatParseHandling = ReadSettings.FloatParseHandling;
                reader.MaxDepth = ReadSettings.MaxDepth;
                return JToken.ReadFrom(reader);
            }
        }

        /// <summary>Writes a request body as compact JSON.</summary>
        public static string Serialize(JToken body) => body.ToString(Formatting.None);

        /// <summary>
        /// Converts a JSON object into a PSObject whose properties keep DSCC's names, and puts
        /// <paramref name="typeName"/> first in its type names so the module's views apply.
        /// </summary>
        public static PSObject ToPSObject(JObject json, string typeName)
        {
            PSObject result = ConvertObject(json);
            if (typeName != null)
            {
                result.TypeNames.Insert(0, typeName);
            }

            return result;
        }

        /// <summary>Converts any JSON value into the matching .NET or PowerShell value.</summary>
        public static object ToPowerShellValue(JToken token)
        {
            if (token == null)
            {
                return null;
            }

            switch (token.Type)
            {
                case JTokenType.Object:
                    return ConvertObject((JObject)token);
                case JTokenType.Array:
                    var items = new List<object>();
                    foreach (JToken item in (JArray)token)
                    {
                        items.Add(ToPowerShellValue(item));
                    }

                    return items.ToArray();
                case JTokenType.Null:
                case JTokenType.Undefined:
                    return null;
                default:
                    // Integers arrive as long, or BigInteger beyond long, so int64 sizes keep every digit.
                    return ((JValue)token).Value;
            }
        }

        private static PSObject ConvertObject(JObject json)
        {
            var result = new PSObject();
            foreach (JProperty property in json.Properties())
            {
                result.Properties.Add(new PSNoteProperty(property.Name, ToPowerShellValue(property.Value)));
            }

            return result;
        }
    }
}
