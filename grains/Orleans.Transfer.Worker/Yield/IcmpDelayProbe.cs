using System.Net;
using System.Net.NetworkInformation;

namespace Orleans.Transfer.Worker;

/// <summary>
/// ICMP echo through <see cref="Ping"/>: raw sockets when the process may open them, else the system's ping tool on
/// Linux (slower, but its reported round trip is still the network's).
/// </summary>
internal sealed class IcmpDelayProbe : IDelayProbe
{
    private static readonly byte[] s_payload = new byte[32];

    public async Task<TimeSpan?> ProbeAsync(IPAddress address, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var ping = new Ping();
        try
        {
            var reply = await ping.SendPingAsync(address, timeout, s_payload, options: null, cancellationToken).ConfigureAwait(false);
            return reply.Status == IPStatus.Success ? TimeSpan.FromMilliseconds(Math.Max(reply.RoundtripTime, 0)) : null;
        }
        catch (PingException)
        {
            return null;
        }
    }
}
