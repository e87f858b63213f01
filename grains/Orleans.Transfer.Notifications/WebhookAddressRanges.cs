using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Orleans.Transfer.Notifications;

/// <summary>
/// Sorts addresses into <see cref="WebhookAddressKind"/>s. An IPv6 address that carries an IPv4 address the host would
/// reach (IPv4-mapped ::ffff:0:0/96, IPv4-compatible ::/96, NAT64 64:ff9b::/96) is judged by that IPv4 address.
/// </summary>
internal static class WebhookAddressRanges
{
    private static readonly IPAddress[] s_metadata =
    [
        IPAddress.Parse("169.254.169.254"),
        IPAddress.Parse("fd00:ec2::254"),
        IPAddress.Parse("100.100.100.200"),
    ];

    private static readonly byte[] s_nat64Prefix = [0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0];

    public static WebhookAddressKind Classify(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var target = EmbeddedIPv4(address) ?? address;
        if (Array.Exists(s_metadata, m => m.Equals(WithoutScope(target))))
        {
            return WebhookAddressKind.CloudMetadata;
        }

        return target.AddressFamily == AddressFamily.InterNetwork ? ClassifyIPv4(target) : ClassifyIPv6(target);
    }

    private static WebhookAddressKind ClassifyIPv4(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[4];
        address.TryWriteBytes(bytes, out _);
        var value = BinaryPrimitives.ReadUInt32BigEndian(bytes);
        return value switch
        {
            _ when In(value, 0x00000000, 8) => WebhookAddressKind.Unspecified,
            _ when In(value, 0x7F000000, 8) => WebhookAddressKind.Loopback,
            _ when In(value, 0xA9FE0000, 16) => WebhookAddressKind.LinkLocal,
            _ when In(value, 0xE0000000, 4) || value == 0xFFFFFFFF => WebhookAddressKind.Multicast,
            _ when In(value, 0x0A000000, 8) || In(value, 0xAC100000, 12) || In(value, 0xC0A80000, 16) || In(value, 0x64400000, 10)
                => WebhookAddressKind.Private,
            _ => WebhookAddressKind.Public,
        };
    }

    private static WebhookAddressKind ClassifyIPv6(IPAddress address) => address switch
    {
        _ when address.Equals(IPAddress.IPv6Any) => WebhookAddressKind.Unspecified,
        _ when address.Equals(IPAddress.IPv6Loopback) => WebhookAddressKind.Loopback,
        { IsIPv6LinkLocal: true } => WebhookAddressKind.LinkLocal,
        { IsIPv6Multicast: true } => WebhookAddressKind.Multicast,
        { IsIPv6UniqueLocal: true } or { IsIPv6SiteLocal: true } => WebhookAddressKind.Private,
        _ => WebhookAddressKind.Public,
    };

    private static IPAddress? EmbeddedIPv4(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return null;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        var compatible = bytes[..12].IndexOfAnyExcept((byte)0) < 0
            && !address.Equals(IPAddress.IPv6Any)
            && !address.Equals(IPAddress.IPv6Loopback);
        return compatible || bytes[..12].SequenceEqual(s_nat64Prefix) ? new IPAddress(bytes[12..]) : null;
    }

    private static IPAddress WithoutScope(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetworkV6 && address.ScopeId != 0
            ? new IPAddress(address.GetAddressBytes())
            : address;

    private static bool In(uint value, uint network, int prefixLength) =>
        (value ^ network) >> (32 - prefixLength) == 0;
}
