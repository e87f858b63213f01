using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Dashboard.Web;

internal sealed partial class DashboardGuard
{
    [LoggerMessage(EventId = TransferEventIds.DashboardRequestRefused, Level = LogLevel.Warning,
        Message = "Dashboard refused {Method} {Path}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string method, string path, string reason);
}
