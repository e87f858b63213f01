using System.Net;
using System.Net.NetworkInformation;

namespace Orleans.Transfer.Worker;

/// <summary>
/// Finds the interface a local address belongs to, from a cached <see cref="NetworkInterface.GetAllNetworkInterfaces"/>
/// listing that is refreshed after <see cref="RefreshInterval"/>, or sooner (at most once a second) when an address
/// is not in it.
/// Thread-safe.
/// </summary>
internal sealed class InterfaceDirectory(TimeProvider time)
{
    /// <summary>How long a listing is trusted.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan s_missRefresh = TimeSpan.FromSeconds(1);

    private readonly Lock _lock = new();
    private Dictionary<IPAddress, NetworkInterface> _byAddress = [];
    private long _listed;

    /// <summary>The interface that holds <paramref name="localAddress"/>, or null when none does.</summary>
    public NetworkInterface? Find(IPAddress localAddress)
    {
        lock (_lock)
        {
            var age = _listed == 0 ? TimeSpan.MaxValue : time.GetElapsedTime(_listed);
            if (age >= RefreshInterval || (!_byAddress.ContainsKey(localAddress) && age >= s_missRefresh))
            {
                Refresh();
            }

            return _byAddress.GetValueOrDefault(localAddress);
        }
    }

    /// <summary>
    /// Bytes <paramref name="networkInterface"/> received so far, or null when unreadable. On Linux one sysfs file
    /// (cheap enough for every tick); elsewhere the platform's interface statistics.
    /// </summary>
    public static long? ReceivedBytes(NetworkInterface networkInterface)
    {
        try
        {
            if (OperatingSystem.IsLinux())
            {
                var text = File.ReadAllText($"/sys/class/net/{networkInterface.Name}/statistics/rx_bytes");
                return long.TryParse(text.AsSpan().Trim(), out var bytes) ? bytes : null;
            }

            return networkInterface.GetIPStatistics().BytesReceived;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NetworkInformationException or PlatformNotSupportedException)
        {
            return null;
        }
    }

    private void Refresh()
    {
        var byAddress = new Dictionary<IPAddress, NetworkInterface>();
        foreach (var networkInterface in NetworkInterface.GetAllNetworkInterfaces())
        {
            foreach (var unicast in networkInterface.GetIPProperties().UnicastAddresses)
            {
                byAddress.TryAdd(unicast.Address, networkInterface);
            }
        }

        _byAddress = byAddress;
        _listed = time.GetTimestamp();
    }
}
