using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Dashboard.Hosting;

internal sealed partial class DashboardHost
{
    [LoggerMessage(EventId = TransferEventIds.DashboardListening, Level = LogLevel.Information,
        Message = "Web dashboard listening on {Url}; 'xfer dashboard' prints a login link")]
    private static partial void LogListening(ILogger logger, string url);

    [LoggerMessage(EventId = TransferEventIds.DashboardNotListening, Level = LogLevel.Warning,
        Message = "No web dashboard: {Reason} Transfers are not affected.")]
    private static partial void LogNotListening(ILogger logger, string reason);
}
