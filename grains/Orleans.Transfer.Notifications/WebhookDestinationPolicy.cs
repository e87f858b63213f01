using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Orleans.Transfer.Notifications;

/// <summary>
/// Where webhooks may go (docs/notifications.md, "Destinations"): never to link-local, cloud-metadata, unspecified or
/// multicast addresses; to loopback only with <see cref="NotificationOptions.AllowLoopbackWebhooks"/>; to private
/// ranges unless <see cref="NotificationOptions.DenyPrivateWebhooks"/>. Checked when the settings are set (a literal
/// address) and again for every address a name resolves to when connecting (<see cref="ConnectAsync"/>), so a name
/// that later resolves elsewhere (DNS rebinding) is caught too.
/// </summary>
public sealed partial class WebhookDestinationPolicy(IOptions<NotificationOptions> options, ILogger<WebhookDestinationPolicy> logger)
{
    private const string UrlField = "notifications.webhookUrl";

    /// <summary>Why a webhook may not connect to <paramref name="address"/>, or null when it may.</summary>
    /// <param name="address">An address the receiver's name resolved to, or the literal address in its URL.</param>
    public string? RefusalFor(IPAddress address)
    {
        var settings = options.Value;
        return WebhookAddressRanges.Classify(address) switch
        {
            WebhookAddressKind.CloudMetadata => "a cloud metadata service's address",
            WebhookAddressKind.LinkLocal => "a link-local address",
            WebhookAddressKind.Unspecified => "an unspecified address",
            WebhookAddressKind.Multicast => "a multicast or broadcast address",
            WebhookAddressKind.Loopback when !settings.AllowLoopbackWebhooks =>
                $"a loopback address (allowed only when {NotificationOptions.SectionName}:{nameof(NotificationOptions.AllowLoopbackWebhooks)} is true)",
            WebhookAddressKind.Private when settings.DenyPrivateWebhooks =>
                $"a private address ({NotificationOptions.SectionName}:{nameof(NotificationOptions.DenyPrivateWebhooks)} is true)",
            _ => null,
        };
    }

    /// <summary>
    /// Refuses settings whose webhook URL names a refused address literally (or <c>localhost</c>, which is loopback by
    /// definition), with <see cref="TransferErrorCode.InvalidArgument"/> on <c>notifications.webhookUrl</c>. Names are
    /// checked when connecting, since what they resolve to may change.
    /// </summary>
    /// <param name="settings">The settings being set, already valid by <see cref="NotificationSettings.Validate"/>.</param>
    public void Validate(NotificationSettings? settings)
    {
        if (settings?.WebhookUrl is not { } url || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return;
        }

        var literal = uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6
            ? IPAddress.Parse(uri.Host.Trim('[', ']'))
            : IsLocalhost(uri.IdnHost) ? IPAddress.Loopback : null;
        if (literal is not null && RefusalFor(literal) is { } reason)
        {
            throw new TransferJobException(
                TransferErrorCode.InvalidArgument,
                $"{UrlField} points at {uri.Host}, {reason}; webhooks are not sent there. Give the address of a receiver " +
                "outside the link-local and cloud metadata ranges.",
                UrlField);
        }
    }

    /// <summary>
    /// The webhook handler's <see cref="SocketsHttpHandler.ConnectCallback"/>: resolves the receiver's name, refuses the
    /// connection when any of its addresses is refused, and otherwise connects to them in order.
    /// </summary>
    /// <param name="context">The host and port being connected to.</param>
    /// <param name="cancellationToken">Abandons the lookup and the connection.</param>
    /// <exception cref="HttpRequestException">An address is refused, or none could be connected to.</exception>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var endPoint = context.DnsEndPoint;
        var addresses = IPAddress.TryParse(endPoint.Host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endPoint.Host, cancellationToken);
        foreach (var address in addresses)
        {
            if (RefusalFor(address) is { } reason)
            {
                LogDestinationRefused(logger, endPoint.Host, address.ToString(), reason);
                throw new HttpRequestException(
                    HttpRequestError.ConnectionError,
                    $"{endPoint.Host} resolves to {address}, {reason}; webhooks are not sent there.");
            }
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, endPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static bool IsLocalhost(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) ||
        host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase);
}
