using System.Runtime.InteropServices;

namespace Orleans.Transfer.Worker;

/// <summary>Hand-written P/Invoke for iphlpapi's connectivity hint (Windows 10 2004 and later). Unverified on Windows.</summary>
internal static unsafe partial class WindowsNetworkHints
{
    private const string Library = "iphlpapi.dll";

    /// <summary>NTSTATUS GetNetworkConnectivityHint(NL_NETWORK_CONNECTIVITY_HINT*).</summary>
    [LibraryImport(Library)]
    internal static partial int GetNetworkConnectivityHint(out WindowsConnectivityHint hint);

    /// <summary>
    /// NTSTATUS NotifyNetworkConnectivityHintChange(callback, context, BOOLEAN initialNotification, HANDLE*). The
    /// callback gets the context and the hint by value.
    /// </summary>
    [LibraryImport(Library)]
    internal static partial int NotifyNetworkConnectivityHintChange(
        delegate* unmanaged[Stdcall]<nint, WindowsConnectivityHint, void> callback, nint context, byte initialNotification, out nint handle);

    /// <summary>NTSTATUS CancelMibChangeNotify2(HANDLE).</summary>
    [LibraryImport(Library)]
    internal static partial int CancelMibChangeNotify2(nint handle);
}
