using System;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace DsccPowerShell.Loading
{
    /// <summary>
    /// PowerShell 7 only; Windows PowerShell never runs this code, so its reference to AssemblyLoadContext is
    /// never resolved there. The default context is asked to resolve only the engine, and answers with the copy
    /// in the private context; everything the engine needs is found by that context.
    /// </summary>
    internal static class CoreClrHook
    {
        private const string EngineAssemblyName = "DsccPowerShell.Engine";

        private static readonly object Gate = new object();
        private static DependencyLoadContext _context;
        private static bool _hooked;

        public static void Register(string dependencyFolder)
        {
            // Every runspace that imports the module calls this; one context and one hook serve them all.
            lock (Gate)
            {
                if (_context == null)
                {
                    _context = new DependencyLoadContext(dependencyFolder);
                }

                if (!_hooked)
                {
                    AssemblyLoadContext.Default.Resolving += ResolveEngine;
                    _hooked = true;
                }
            }
        }

        public static void Unregister()
        {
            lock (Gate)
            {
                AssemblyLoadContext.Default.Resolving -= ResolveEngine;
                _hooked = false;
            }
        }

        private static Assembly ResolveEngine(AssemblyLoadContext defaultContext, AssemblyName name)
        {
            return string.Equals(name.Name, EngineAssemblyName, StringComparison.Ordinal)
                ? _context.LoadFromAssemblyName(name)
                : null;
        }

        private sealed class DependencyLoadContext : AssemblyLoadContext
        {
            private readonly string _folder;

            public DependencyLoadContext(string folder)
            {
                _folder = folder;
            }

            protected override Assembly Load(AssemblyName name)
            {
                // PowerShell's own assemblies and the framework must keep one identity on both sides: PSObject
                // crosses from the engine to the cmdlets.
                if (IsShared(name.Name))
                {
                    return null;
                }

                string path = Path.Combine(_folder, name.Name + ".dll");
                return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
            }

            private static bool IsShared(string name) =>
                name == "netstandard" ||
                name == "mscorlib" ||
                name.StartsWith("System.", StringComparison.Ordinal) ||
                name.StartsWith("Microsoft.PowerShell.", StringComparison.Ordinal) ||
                name.StartsWith("Microsoft.Win32.", StringComparison.Ordinal);
        }
    }
}
