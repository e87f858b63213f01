namespace Orleans.Transfer.Worker;

/// <summary>
/// The receive-buffer bound of near connections (docs/benchmarks.md, "resume"), configuration section
/// <see cref="SectionName"/>. Linux only; elsewhere connections keep the platform's buffers.
/// </summary>
public sealed class ReceiveBufferOptions
{
    /// <summary>The configuration section: <c>Transfer:Worker:ReceiveBuffer</c>.</summary>
    public const string SectionName = "Transfer:Worker:ReceiveBuffer";

    /// <summary>The smallest <see cref="Bytes"/>: 256 KiB.</summary>
    public const int MinBytes = 256 * 1024;

    /// <summary>The largest <see cref="Bytes"/>: 64 MiB.</summary>
    public const int MaxBytes = 64 * 1024 * 1024;

    /// <summary>The largest <see cref="MaxRtt"/>: 10 ms.</summary>
    public static readonly TimeSpan MaxMaxRtt = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// A connection whose RTT measured at connect (the handshake's, TCP_INFO <c>tcpi_rtt</c>) is below this gets its
    /// receive buffer bounded to <see cref="Bytes"/>; slower ones keep the kernel's autotuning. Default 1 ms; zero turns
    /// the bound off; at most 10 ms.
    /// </summary>
    public TimeSpan MaxRtt { get; set; } = TimeSpan.FromMilliseconds(1);

    /// <summary>
    /// SO_RCVBUF of a bounded connection. Default 2 MiB: at an RTT of 1 ms it still carries 2 MiB per RTT, 2 GiB/s
    /// (17 Gbit/s), more than a durable download writes here; on loopback (30 µs) 70 GiB/s. Applied only when
    /// <c>net.core.rmem_max</c> allows it (the kernel would cut it silently). 256 KiB to 64 MiB.
    /// </summary>
    public int Bytes { get; set; } = 2 * 1024 * 1024;
}
