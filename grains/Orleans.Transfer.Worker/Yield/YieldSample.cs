namespace Orleans.Transfer.Worker;

/// <summary>What the controller of one interface sees at one tick; counts are deltas since the previous tick.</summary>
/// <param name="Now">The tick's time, from the service's <see cref="TimeProvider"/>.</param>
/// <param name="Delay">
/// The smallest path delay sampled since the previous tick over the controlled connections (the kernel's receive
/// RTT, or an ICMP round trip), or null when none was sampled.
/// </param>
/// <param name="Signal">Where <paramref name="Delay"/> came from.</param>
/// <param name="InterfaceBytes">Bytes the interface received since the previous tick (layer 2, every application).</param>
/// <param name="ControlledBytes">Payload bytes the controlled connections received since the previous tick.</param>
/// <param name="Connections">Controlled connections that received data within the last second.</param>
/// <param name="Mss">The largest receive MSS among them (<c>tcpi_rcv_mss</c>), or 1448 when unknown.</param>
/// <param name="OutOfOrderPackets">Out-of-order packets the controlled connections received since the previous tick (a loss).</param>
/// <param name="ControlledFrameBytes">
/// What the controlled connections' segments took on the interface since the previous tick (layer 2: payload plus
/// each segment's headers), or null when unknown (then payload × 1.046, right for full-size segments only).
/// </param>
internal sealed record YieldSample(
    DateTimeOffset Now,
    TimeSpan? Delay,
    DelaySignal Signal,
    long InterfaceBytes,
    long ControlledBytes,
    int Connections,
    int Mss,
    long OutOfOrderPackets,
    long? ControlledFrameBytes = null);
