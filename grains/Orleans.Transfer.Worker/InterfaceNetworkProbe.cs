using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Orleans.Transfer.Worker;

/// <summary>
/// The network is usable when an interface other than loopback is up (or reports no state, as tunnels do) and has an
/// address beyond the link: not loopback, not IPv4 169.254/16, not IPv6 link-local. Ignored interfaces never count.
/// </summary>
public sealed class InterfaceNetworkProbe(IOptions<NetworkMonitorOptions> options) : INetworkProbe
{
    private static readonly string[] s_bridgePrefixes = ["docker", "br-", "virbr", "lxcbr", "cni", "podman"];

    /// <inheritdoc />
    public NetworkProbeResult Probe()
    {
        NetworkInterface[] interfaces;
        try
        {
            interfaces = NetworkInterface.GetAllNetworkInterfaces();
        }
        catch (NetworkInformationException ex)
        {
            // Pausing every job because the OS would not list interfaces would be worse than a missed outage.
            return new NetworkProbeResult(true, $"the interfaces could not be read ({ex.Message}); taken as available");
        }

        var usable = new List<string>();
        var unusable = new List<string>();
        foreach (var nic in interfaces)
        {
            if (nic.NetworkInterfaceType == NetworkInterfaceType.Loopback || IsIgnored(nic.Name))
            {
                continue;
            }

            var address = nic.OperationalStatus is OperationalStatus.Up or OperationalStatus.Unknown
                ? nic.GetIPProperties().UnicastAddresses.Select(a => a.Address).FirstOrDefault(IsBeyondLink)
                : null;
            if (address is null)
            {
                unusable.Add($"{nic.Name} {nic.OperationalStatus}");
            }
            else
            {
                usable.Add($"{nic.Name} {address}");
            }
        }

        return usable.Count > 0
            ? new NetworkProbeResult(true, string.Join(", ", usable))
            : new NetworkProbeResult(false, unusable.Count == 0
                ? "no interface besides loopback"
                : $"no interface is up with a routable address ({string.Join(", ", unusable)})");
    }

    internal static bool IsBeyondLink(IPAddress address) => address.AddressFamily switch
    {
        AddressFamily.InterNetwork => !IPAddress.IsLoopback(address) && !address.Equals(IPAddress.Any) && !IsIPv4LinkLocal(address),
        AddressFamily.InterNetworkV6 => !IPAddress.IsLoopback(address) && !address.IsIPv6LinkLocal && !address.Equals(IPAddress.IPv6Any),
        _ => false,
    };

    private bool IsIgnored(string name) =>
        s_bridgePrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal))
        || options.Value.IgnoredInterfaces.Any(pattern => pattern.EndsWith('*')
            ? name.StartsWith(pattern[..^1], StringComparison.Ordinal)
            : name.Equals(pattern, StringComparison.Ordinal));

    private static bool IsIPv4LinkLocal(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[4];
        return address.TryWriteBytes(bytes, out _) && bytes[0] == 169 && bytes[1] == 254;
    }
}
