namespace Orleans.Transfer.Worker;

/// <summary>The fields of Linux's <c>struct tcp_info</c> the yield controller reads.</summary>
/// <param name="Timestamps">True when the connection negotiated TCP timestamps (<c>tcpi_options</c> bit 1).</param>
/// <param name="ReceiveMss">The receive MSS (<c>tcpi_rcv_mss</c>), in bytes.</param>
/// <param name="ReceiveRtt">The kernel's receive RTT estimate (<c>tcpi_rcv_rtt</c>), or null when it has no sample yet.</param>
/// <param name="BytesReceived">Payload bytes received so far (<c>tcpi_bytes_received</c>).</param>
/// <param name="OutOfOrderPackets">Out-of-order packets received so far (<c>tcpi_rcv_ooopack</c>).</param>
/// <param name="ReceiveWindow">The window last advertised (<c>tcpi_rcv_wnd</c>), in bytes.</param>
/// <param name="SegmentsIn">Segments received so far (<c>tcpi_segs_in</c>, 32 bits, wraps).</param>
/// <param name="Rtt">
/// The kernel's smoothed RTT of what we sent (<c>tcpi_rtt</c>), or null without a sample; a client's first sample is the
/// handshake's, so it is known as soon as the connection is.
/// </param>
internal readonly record struct TcpInfo(
    bool Timestamps,
    int ReceiveMss,
    TimeSpan? ReceiveRtt,
    long BytesReceived,
    long OutOfOrderPackets,
    long ReceiveWindow,
    long SegmentsIn = 0,
    TimeSpan? Rtt = null);
