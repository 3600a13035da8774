using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;

namespace DsccPowerShell.Loading
{
    /// <summary>
    /// Loads the engine and its third-party dependencies from the module's dependencies folder. On PowerShell 7
    /// they go into a private AssemblyLoadContext, so the Newtonsoft.Json or Microsoft.Extensions versions that
    /// other modules (Az, Microsoft.Graph) load cannot clash with ours. Windows PowerShell has no load contexts;
    /// there the folder is only probed when .NET cannot find an assembly itself.
    /// </summary>
    public sealed class DependencyLoader : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        internal const string DependencyFolderName = "dependencies";

        private static readonly string DependencyFolder = Path.Combine(
            Path.GetDirectoryName(typeof(DependencyLoader).Assembly.Location),
            DependencyFolderName);

        private static readonly bool IsCoreClr =
            Type.GetType("System.Runtime.Loader.AssemblyLoadContext, System.Runtime.Loader") != null;

        /// <summary>Hooks assembly resolution before any cmdlet touches the engine.</summary>
        public void OnImport()
        {
            if (IsCoreClr)
            {
                CoreClrHook.Register(DependencyFolder);
            }
            else
            {
                AppDomain.CurrentDomain.AssemblyResolve += ResolveOnDesktop;
            }
        }

        /// <summary>Unhooks resolution when the module is removed.</summary>
        public void OnRemove(PSModuleInfo psModuleInfo)
        {
            if (IsCoreClr)
            {
                CoreClrHook.Unregister();
            }
            else
            {
                AppDomain.CurrentDomain.AssemblyResolve -= ResolveOnDesktop;
            }
        }

        private static Assembly ResolveOnDesktop(object sender, ResolveEventArgs args)
        {
            string path = Path.Combine(DependencyFolder, new AssemblyName(args.Name).Name + ".dll");
            return File.Exists(path) ? Assembly.LoadFrom(path) : null;
        }
    }
}
