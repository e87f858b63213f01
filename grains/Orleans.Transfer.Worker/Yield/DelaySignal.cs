namespace Orleans.Transfer.Worker;

/// <summary>Where the controller's queueing-delay samples come from.</summary>
public enum DelaySignal
{
    /// <summary>No delay signal: the controller reacts to local foreground traffic only.</summary>
    None = 0,

    /// <summary>The kernel's receive RTT (<c>tcpi_rcv_rtt</c>), which needs TCP timestamps from the server.</summary>
    TcpTimestamps = 1,

    /// <summary>ICMP echo probes to the server, for servers without TCP timestamps and on Windows.</summary>
    Icmp = 2,
}
