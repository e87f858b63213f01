using System.Buffers.Binary;
using System.Net.Sockets;

namespace Orleans.Transfer.Worker;

/// <summary>
/// Reads <c>TCP_INFO</c> (level IPPROTO_TCP = 6, option 11) on Linux. Offsets are those of <c>struct tcp_info</c>
/// in the kernel's uapi header, stable because the struct only grows; checked on Linux 6.18 (docs: yielding.md §4).
/// </summary>
internal static class LinuxTcpInfo
{
    /// <summary>The buffer size asked for; Linux 6.x fills 248 to 256 bytes of it.</summary>
    public const int Size = 256;

    private const int IpProtoTcp = 6;
    private const int TcpInfoOption = 11;
    private const int OptionsOffset = 5;
    private const int TimestampsBit = 1;
    private const int ReceiveMssOffset = 20;
    private const int RttOffset = 68;
    private const int ReceiveRttOffset = 92;
    private const int BytesReceivedOffset = 128;
    private const int SegmentsInOffset = 140;
    private const int OutOfOrderOffset = 224;
    private const int ReceiveWindowOffset = 232;

    /// <summary>The fields of a <c>tcp_info</c> buffer of <paramref name="length"/> valid bytes; older kernels fill fewer.</summary>
    public static TcpInfo Parse(ReadOnlySpan<byte> buffer, int length)
    {
        var valid = buffer[..Math.Min(length, buffer.Length)];
        var rttMicroseconds = ReadUInt32(valid, ReceiveRttOffset);
        var sentRttMicroseconds = ReadUInt32(valid, RttOffset);
        return new TcpInfo(
            Timestamps: valid.Length > OptionsOffset && (valid[OptionsOffset] & TimestampsBit) != 0,
            ReceiveMss: (int)ReadUInt32(valid, ReceiveMssOffset),
            ReceiveRtt: rttMicroseconds == 0 ? null : TimeSpan.FromMicroseconds(rttMicroseconds),
            BytesReceived: valid.Length >= BytesReceivedOffset + 8 ? (long)BinaryPrimitives.ReadUInt64LittleEndian(valid[BytesReceivedOffset..]) : 0,
            OutOfOrderPackets: ReadUInt32(valid, OutOfOrderOffset),
            ReceiveWindow: ReadUInt32(valid, ReceiveWindowOffset),
            SegmentsIn: ReadUInt32(valid, SegmentsInOffset),
            Rtt: sentRttMicroseconds == 0 ? null : TimeSpan.FromMicroseconds(sentRttMicroseconds));
    }

    /// <summary>Reads <paramref name="socket"/>'s <c>tcp_info</c>; null off Linux or when the socket is closed.</summary>
    public static TcpInfo? TryRead(Socket socket)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        Span<byte> buffer = stackalloc byte[Size];
        try
        {
            var length = socket.GetRawSocketOption(IpProtoTcp, TcpInfoOption, buffer);
            return Parse(buffer, length);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            return null;
        }
    }

    // tcp_info is in host byte order; every platform .NET runs Linux on here is little-endian.
    private static uint ReadUInt32(ReadOnlySpan<byte> buffer, int offset) =>
        buffer.Length >= offset + 4 ? BinaryPrimitives.ReadUInt32LittleEndian(buffer[offset..]) : 0;
}
