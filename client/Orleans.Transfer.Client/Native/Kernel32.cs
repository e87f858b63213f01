using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Microsoft.Win32.SafeHandles;

namespace Orleans.Transfer.Client.Native;

/// <summary>The Windows calls the client needs.</summary>
[SupportedOSPlatform("windows")]
internal static class Kernel32
{
    /// <summary><c>GetNamedPipeServerProcessId</c>: the process that created the server end of a pipe.</summary>
    [DllImport("kernel32.dll", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    public static extern bool GetNamedPipeServerProcessId(SafePipeHandle pipe, out uint serverProcessId);
}
