using System;
using System.Runtime.InteropServices;
using System.Security;

namespace DsccPowerShell.Engine.Auth
{
    /// <summary>Reads a SecureString only at the moment its text must go on the wire.</summary>
    internal static class SecretText
    {
        public static string Read(SecureString secret)
        {
            IntPtr pointer = IntPtr.Zero;
            try
            {
                pointer = Marshal.SecureStringToGlobalAllocUnicode(secret);
                return Marshal.PtrToStringUni(pointer);
            }
            finally
            {
                if (pointer != IntPtr.Zero)
                {
                    Marshal.ZeroFreeGlobalAllocUnicode(pointer);
                }
            }
        }
    }
}
