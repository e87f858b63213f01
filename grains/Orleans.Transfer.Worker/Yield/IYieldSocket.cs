using System.Net;

namespace Orleans.Transfer.Worker;

/// <summary>The socket of a yield-controlled connection, as the controller sees it (a seam for tests).</summary>
internal interface IYieldSocket
{
    /// <summary>The server's address (IPv4-mapped addresses unmapped).</summary>
    IPAddress RemoteAddress { get; }

    /// <summary>True when <see cref="SetReceiveBufferSize"/> sets the advertised window (Linux).</summary>
    bool SetsWindow { get; }

    /// <summary>The kernel's TCP_INFO, or null where it cannot be read (Windows, a closed socket).</summary>
    TcpInfo? ReadTcpInfo();

    /// <summary>Sets SO_RCVBUF; returns false when the socket is gone.</summary>
    bool SetReceiveBufferSize(int bytes);
}
