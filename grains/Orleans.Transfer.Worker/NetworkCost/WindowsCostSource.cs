using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace Orleans.Transfer.Worker;

/// <summary>
/// Windows: GetNetworkConnectivityHint, followed with NotifyNetworkConnectivityHintChange (iphlpapi, Windows 10 2004
/// and later), mapped by <see cref="WindowsConnectivityHint.ToCost"/>. Where the API is missing or fails the cost is
/// unknown (Unrestricted), logged once. Builds for win-x64; unverified on Windows.
/// </summary>
public sealed partial class WindowsCostSource(ILogger<WindowsCostSource> logger) : INetworkCostSource
{
    /// <summary>The source name Windows readings carry.</summary>
    public const string SourceName = "Windows";

    private Action<NetworkCost>? _report;

    /// <inheritdoc />
    public async Task RunAsync(Action<NetworkCost> report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (!OperatingSystem.IsWindowsVersionAtLeast(10, 0, 19041))
        {
            Unknown(report, "the connectivity hint needs Windows 10 2004 or later");
            return;
        }

        _report = report;
        var self = GCHandle.Alloc(this);
        nint handle = 0;
        try
        {
            int status;
            try
            {
                status = WindowsNetworkHints.GetNetworkConnectivityHint(out var hint);
                if (status == 0)
                {
                    report(hint.ToCost());
                    status = Subscribe(GCHandle.ToIntPtr(self), out handle);
                }
            }
            catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
            {
                Unknown(report, $"iphlpapi has no connectivity hint ({ex.Message})");
                return;
            }

            if (status != 0)
            {
                Unknown(report, $"iphlpapi's connectivity hint failed with NTSTATUS 0x{status.ToString("X8", CultureInfo.InvariantCulture)}");
                return;
            }

            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        finally
        {
            if (handle != 0)
            {
                _ = WindowsNetworkHints.CancelMibChangeNotify2(handle);
            }

            self.Free();
        }
    }

    private static unsafe int Subscribe(nint context, out nint handle) =>
        WindowsNetworkHints.NotifyNetworkConnectivityHintChange(&OnHintChanged, context, initialNotification: 0, out handle);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvStdcall)])]
    private static void OnHintChanged(nint context, WindowsConnectivityHint hint)
    {
        // An exception must not cross back into native code, where it would end the process: hand the reading over on the pool.
        if (GCHandle.FromIntPtr(context).Target is WindowsCostSource { _report: { } report })
        {
            var cost = hint.ToCost();
            ThreadPool.QueueUserWorkItem(static state => state.report(state.cost), (report, cost), preferLocal: false);
        }
    }

    private void Unknown(Action<NetworkCost> report, string reason)
    {
        LogUnknown(logger, reason);
        report(NetworkCost.Unknown with { Detail = reason });
    }
}
