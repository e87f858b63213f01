using System.Runtime.InteropServices;

namespace Orleans.Transfer.Worker;

/// <summary>mpr.dll's network connection calls (Windows only).</summary>
internal static unsafe partial class Mpr
{
    /// <summary>RESOURCETYPE_DISK.</summary>
    public const int ResourceTypeDisk = 1;

    /// <summary>CONNECT_TEMPORARY: not remembered for the next logon.</summary>
    public const int ConnectTemporary = 4;

    [LibraryImport("mpr.dll", EntryPoint = "WNetAddConnection2W", StringMarshalling = StringMarshalling.Utf16)]
    public static partial int AddConnection2(NetResource* resource, string? password, string? userName, int flags);

    [LibraryImport("mpr.dll", EntryPoint = "WNetCancelConnection2W", StringMarshalling = StringMarshalling.Utf16)]
    public static partial int CancelConnection2(string name, int flags, [MarshalAs(UnmanagedType.Bool)] bool force);

    /// <summary>NETRESOURCEW.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct NetResource
    {
        public int Scope;
        public int Type;
        public int DisplayType;
        public int Usage;
        public char* LocalName;
        public char* RemoteName;
        public char* Comment;
        public char* Provider;
    }
}
