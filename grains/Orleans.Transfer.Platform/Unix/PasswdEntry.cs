using System.Runtime.InteropServices;

namespace Orleans.Transfer.Platform.Unix;

/// <summary>struct passwd; its strings point into the buffer passed to getpwuid_r.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct PasswdEntry
{
    public nint Name;
    public nint Password;
    public uint UserId;
    public uint GroupId;
    public nint Gecos;
    public nint Directory;
    public nint Shell;
}
