namespace Orleans.Transfer.Yield;

/// <summary>
/// How a running background job yields to the user's foreground traffic (issue 14): present only while one of the
/// job's files is reading from a yield-controlled connection (background priority, a remote server, yielding on).
/// </summary>
/// <param name="Yielding">
/// True while the controller holds this job back: foreground traffic on the interface, or queueing delay above target.
/// </param>
/// <param name="WindowBytes">The receive window this job's connection is given now.</param>
/// <param name="RateBytesPerSecond">The pace this job's connection is held to now, or null when no rate cap applies.</param>
/// <param name="Interface">The network interface the connection leaves by (<c>eth0</c>).</param>
/// <param name="DelaySignal">
/// Where the queueing delay is read from: <c>tcp-timestamps</c> (the kernel's receive RTT), <c>icmp</c> (echo probes to
/// the server, when it sends no TCP timestamps), or <c>none</c> (local foreground traffic only).
/// </param>
[GenerateSerializer, Immutable, Alias("Orleans.Transfer.Yield.JobYieldInfo")]
public sealed record JobYieldInfo(bool Yielding, long WindowBytes, long? RateBytesPerSecond, string Interface, string DelaySignal);
