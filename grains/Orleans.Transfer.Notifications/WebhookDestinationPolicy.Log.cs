using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Notifications;

public sealed partial class WebhookDestinationPolicy
{
    [LoggerMessage(EventId = TransferEventIds.WebhookDestinationRefused, Level = LogLevel.Warning,
        Message = "Refused a webhook connection to {Host}: it resolves to {Address}, {Reason}")]
    private static partial void LogDestinationRefused(ILogger logger, string host, string address, string reason);
}
