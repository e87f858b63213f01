using System.Net;

namespace Orleans.Transfer.Worker;

/// <summary>Measures the round trip to a server out of band (ICMP echo), for servers that send no TCP timestamps.</summary>
internal interface IDelayProbe
{
    /// <summary>The round trip to <paramref name="address"/>, or null when it did not answer within <paramref name="timeout"/>.</summary>
    Task<TimeSpan?> ProbeAsync(IPAddress address, TimeSpan timeout, CancellationToken cancellationToken);
}
