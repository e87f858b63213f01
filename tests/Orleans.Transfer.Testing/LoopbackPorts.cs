using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Orleans.Transfer.Testing;

/// <summary>
/// Loopback ports for the servers tests start, kill and start again on the same port. A port from the kernel's
/// ephemeral range can be taken while its server is down by any outgoing connection or port-0 listener (a killed
/// silo's restart then failed with AddressInUse), so on Linux the ports come from just below that range, where the
/// kernel never hands out a port by itself.
/// </summary>
public static class LoopbackPorts
{
    private const string EphemeralRangeFile = "/proc/sys/net/ipv4/ip_local_port_range";
    private const int LowestPort = 10_000;
    private const int Attempts = 200;
    private static readonly Lock s_lock = new();
    private static int s_next = -1;

    /// <summary>A port nothing listens on now, not handed out before by this process.</summary>
    public static int Free()
    {
        if (EphemeralStart() is not { } ephemeralStart || ephemeralStart <= LowestPort)
        {
            return KernelPicked();
        }

        var span = ephemeralStart - LowestPort;
        lock (s_lock)
        {
            // Each test process starts at its own offset and walks down from there, so processes running side by side
            // rarely try the same port, and one process never hands the same port out twice.
            if (s_next < 0)
            {
                s_next = Environment.ProcessId * 7919 % span;
            }

            for (var attempt = 0; attempt < Attempts; attempt++)
            {
                var port = LowestPort + s_next;
                s_next = (s_next + span - 1) % span;
                if (IsFree(port))
                {
                    return port;
                }
            }
        }

        return KernelPicked();
    }

    private static int? EphemeralStart()
    {
        if (!File.Exists(EphemeralRangeFile))
        {
            return null;
        }

        var fields = File.ReadAllText(EphemeralRangeFile).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return fields.Length > 0 && int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var start) ? start : null;
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int KernelPicked()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
