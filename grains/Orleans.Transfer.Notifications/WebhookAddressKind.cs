namespace Orleans.Transfer.Notifications;

/// <summary>What kind of address a webhook would connect to, as far as the destination policy cares.</summary>
public enum WebhookAddressKind
{
    /// <summary>Any other unicast address: allowed.</summary>
    Public = 0,

    /// <summary>10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10 (shared, CGNAT), fc00::/7, fec0::/10.</summary>
    Private = 1,

    /// <summary>127.0.0.0/8, ::1.</summary>
    Loopback = 2,

    /// <summary>169.254.0.0/16, fe80::/10.</summary>
    LinkLocal = 3,

    /// <summary>A cloud instance-metadata service: 169.254.169.254, fd00:ec2::254, 100.100.100.200.</summary>
    CloudMetadata = 4,

    /// <summary>0.0.0.0/8 (Linux connects 0.0.0.0 to the local host), ::.</summary>
    Unspecified = 5,

    /// <summary>Multicast and broadcast: no single receiver.</summary>
    Multicast = 6,
}
