using System;
using System.Management.Automation;

namespace DsccPowerShell.Cmdlets
{
    /// <summary>A -Name value that is not a valid wildcard pattern.</summary>
    internal sealed class InvalidNamePatternException : Exception
    {
        public InvalidNamePatternException(string name, WildcardPatternException inner)
            : base("'" + name + "' is not a valid wildcard pattern: " + inner.Message, inner)
        {
            Name = name;
        }

        /// <summary>Gets the value that could not be parsed.</summary>
        public string Name { get; }
    }
}
