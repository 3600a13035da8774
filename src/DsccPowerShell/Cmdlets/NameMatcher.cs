using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace DsccPowerShell.Cmdlets
{
    /// <summary>
    /// Matches -Name values against objects' name property the PowerShell way (wildcards, any case) and keeps
    /// track of plain names that matched nothing, which the cmdlet reports as not found. A name is missing only
    /// if every list it was looked for in was read whole: after a failed list it may well exist.
    /// </summary>
    internal sealed class NameMatcher
    {
        private readonly WildcardPattern[] _patterns;
        private readonly string[] _plainNames;
        private readonly HashSet<string> _matchedPlainNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private bool _aListFailed;

        /// <exception cref="InvalidNamePatternException">A name is not a valid wildcard pattern.</exception>
        public NameMatcher(string[] names)
        {
            names = names ?? new string[0];
            _patterns = names.Select(Parse).ToArray();
            _plainNames = names.Where(n => !WildcardPattern.ContainsWildcardCharacters(n)).ToArray();
        }

        /// <summary>Gets whether any name was given; with none, everything matches.</summary>
        public bool HasNames => _patterns.Length > 0;

        /// <summary>Gets the single plain name given, when that is all that was given; DSCC can filter on it.</summary>
        public string SinglePlainName => _patterns.Length == 1 && _plainNames.Length == 1 ? _plainNames[0] : null;

        /// <summary>Gets the plain names that nothing matched; none once a list failed part way.</summary>
        public IEnumerable<string> Unmatched =>
            _aListFailed ? Enumerable.Empty<string>() : _plainNames.Where(n => !_matchedPlainNames.Contains(n));

        /// <summary>Records that a list could not be read whole, so no name can be said to be missing.</summary>
        public void ListFailed() => _aListFailed = true;

        /// <summary>
        /// A pattern is parsed when first used; using it at once refuses a bad one before any request is sent.
        /// </summary>
        private static WildcardPattern Parse(string name)
        {
            WildcardPattern pattern =
                WildcardPattern.Get(name, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant);
            try
            {
                pattern.IsMatch(string.Empty);
                return pattern;
            }
            catch (WildcardPatternException ex)
            {
                throw new InvalidNamePatternException(name, ex);
            }
        }

        public bool IsMatch(PSObject item)
        {
            if (!HasNames)
            {
                return true;
            }

            string name = item.Properties["name"]?.Value as string;
            if (name == null || !_patterns.Any(p => p.IsMatch(name)))
            {
                return false;
            }

            _matchedPlainNames.Add(name);
            return true;
        }
    }
}
