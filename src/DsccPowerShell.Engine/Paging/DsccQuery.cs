using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace DsccPowerShell.Engine.Paging
{
    /// <summary>Builds escaped query strings for DSCC's list parameters: filter, sort, select, offset, limit.</summary>
    public sealed class DsccQuery
    {
        private readonly List<KeyValuePair<string, string>> _parameters = new List<KeyValuePair<string, string>>();

        /// <summary>Adds a parameter; a null or empty value is left out.</summary>
        public DsccQuery Add(string name, string value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                _parameters.Add(new KeyValuePair<string, string>(name, value));
            }

            return this;
        }

        /// <summary>Gets whether a parameter of that name was added.</summary>
        public bool Contains(string name) => _parameters.Any(p => p.Key == name);

        /// <summary>Returns the path with the query appended, every value percent-encoded.</summary>
        public string AppendTo(string path)
        {
            if (_parameters.Count == 0)
            {
                return path;
            }

            var builder = new StringBuilder(path);
            char separator = path.IndexOf('?') >= 0 ? '&' : '?';
            foreach (KeyValuePair<string, string> parameter in _parameters)
            {
                builder.Append(separator)
                    .Append(Uri.EscapeDataString(parameter.Key))
                    .Append('=')
                    .Append(Uri.EscapeDataString(parameter.Value));
                separator = '&';
            }

            return builder.ToString();
        }

        /// <summary>
        /// Quotes a literal for a filter expression such as <c>name eq 'vol 1'</c>. Returns null when the value
        /// holds both quote characters, which DSCC's filter syntax cannot express.
        /// </summary>
        public static string QuoteFilterLiteral(string value)
        {
            if (value.IndexOf('\'') < 0)
            {
                return "'" + value + "'";
            }

            if (value.IndexOf('"') < 0)
            {
                return "\"" + value + "\"";
            }

            return null;
        }
    }
}
