using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Orleans.Transfer.Client.Native;

/// <summary>The few C library calls the client needs on Unix.</summary>
[UnsupportedOSPlatform("windows")]
internal static class LibC
{
    /// <summary>ERANGE: the buffer given to a <c>*_r</c> call is too small.</summary>
    public const int RangeError = 34;

    private const string Library = "libc";

    /// <summary><c>geteuid</c>: the effective user id of this process.</summary>
    [DllImport(Library, EntryPoint = "geteuid")]
    public static extern uint GetEffectiveUserId();

    /// <summary><c>getpwuid_r</c>: the account of <paramref name="uid"/>, written into caller-owned memory.</summary>
    /// <returns>0, or an errno value; on 0, <paramref name="result"/> is null when the uid has no account.</returns>
    [DllImport(Library, EntryPoint = "getpwuid_r")]
    public static extern int GetPasswordEntry(uint uid, IntPtr passwd, IntPtr buffer, nuint bufferLength, out IntPtr result);
}
