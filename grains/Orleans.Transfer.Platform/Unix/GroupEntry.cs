using System.Runtime.InteropServices;

namespace Orleans.Transfer.Platform.Unix;

/// <summary>struct group; its strings point into the buffer passed to getgrnam_r.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct GroupEntry
{
    public nint Name;
    public nint Password;
    public uint GroupId;
    public nint Members;
}
