using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Orleans.Transfer.Worker;

/// <summary>
/// Bounds the receive buffer of near connections (Linux). The kernel autotunes a loopback or LAN connection's buffer to
/// 20+ MiB, which fills whenever the read loop pauses (a checkpoint's fsync, GC); what sits there at a crash is fetched
/// twice on resume. Near connections do not need it: at an RTT below <see cref="ReceiveBufferOptions.MaxRtt"/> a buffer
/// of <see cref="ReceiveBufferOptions.Bytes"/> carries far more than the disk takes. Far (WAN) connections keep
/// autotuning, which their bandwidth-delay product needs. The connect callback of the shared handlers and of the
/// connections the <see cref="YieldConnector"/> leaves uncontrolled.
/// </summary>
internal sealed partial class ReceiveBufferBound(IOptions<ReceiveBufferOptions> options, ILogger<ReceiveBufferBound> logger)
{
    private const string RmemMaxPath = "/proc/sys/net/core/rmem_max";

    private static readonly Lazy<long?> s_rmemMax = new(ReadRmemMax);

    private readonly ReceiveBufferOptions _options = options.Value;
    private int _rmemMaxReported;

    /// <summary>
    /// The SO_RCVBUF for a connection whose handshake RTT is <paramref name="rtt"/> (null: unknown) on a host whose
    /// <c>net.core.rmem_max</c> is <paramref name="rmemMax"/> (null: unknown), or null to leave autotuning on. Fails safe:
    /// anything unknown keeps autotuning, and so does an rmem_max below the bound (the kernel would cut the buffer to
    /// it, perhaps below what the link needs).
    /// </summary>
    public static int? Decide(TimeSpan? rtt, long? rmemMax, ReceiveBufferOptions options)
    {
        if (options.MaxRtt <= TimeSpan.Zero || rtt is not { } measured || measured <= TimeSpan.Zero || measured >= options.MaxRtt)
        {
            return null;
        }

        return rmemMax is { } cap && cap >= options.Bytes ? options.Bytes : null;
    }

    /// <summary>Connects a TCP socket to <paramref name="endPoint"/> as SocketsHttpHandler's own callback does.</summary>
    public static async ValueTask<Socket> ConnectSocketAsync(DnsEndPoint endPoint, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endPoint, cancellationToken).ConfigureAwait(false);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>The <see cref="SocketsHttpHandler.ConnectCallback"/> of handlers whose connections are not yield-controlled.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = await ConnectSocketAsync(context.DnsEndPoint, cancellationToken).ConfigureAwait(false);
        Apply(socket);
        return new NetworkStream(socket, ownsSocket: true);
    }

    /// <summary>
    /// Bounds <paramref name="socket"/>'s receive buffer when <see cref="Decide"/> says so. After connect only: set
    /// before, SO_RCVBUF would also shrink the window scale the connection negotiates.
    /// </summary>
    public void Apply(Socket socket)
    {
        if (!OperatingSystem.IsLinux() || _options.MaxRtt <= TimeSpan.Zero)
        {
            return;
        }

        var rtt = LinuxTcpInfo.TryRead(socket)?.Rtt;
        var rmemMax = s_rmemMax.Value;
        if (Decide(rtt, rmemMax, _options) is not { } bytes)
        {
            if (rtt < _options.MaxRtt && Interlocked.Exchange(ref _rmemMaxReported, 1) == 0)
            {
                LogRmemMaxTooLow(logger, rmemMax, _options.Bytes);
            }

            return;
        }

        try
        {
            socket.ReceiveBufferSize = bytes;
            LogBounded(logger, socket.RemoteEndPoint, rtt!.Value.TotalMicroseconds, bytes);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // The connection keeps autotuning; a closed socket fails its first read anyway.
            LogBoundFailed(logger, ex);
        }
    }

    private static long? ReadRmemMax()
    {
        try
        {
            return long.TryParse(File.ReadAllText(RmemMaxPath).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
                ? value
                : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
