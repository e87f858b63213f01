namespace Orleans.Transfer.Worker;

/// <summary>What <see cref="INetworkProbe.Probe"/> found.</summary>
/// <param name="IsAvailable">True when at least one interface gives a connection beyond this machine.</param>
/// <param name="Description">The interfaces that count, or why none does, for logs.</param>
public sealed record NetworkProbeResult(bool IsAvailable, string Description);
