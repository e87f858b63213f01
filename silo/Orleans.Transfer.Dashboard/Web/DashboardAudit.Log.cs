using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Dashboard.Web;

internal sealed partial class DashboardAudit
{
    [LoggerMessage(EventId = TransferEventIds.DashboardJobAction, Level = LogLevel.Information,
        Message = "Dashboard: {User} did {Action} on job {JobId}")]
    private static partial void LogJobAction(ILogger logger, string user, string action, Guid jobId);

    [LoggerMessage(EventId = TransferEventIds.DashboardPolicyChanged, Level = LogLevel.Information,
        Message = "Dashboard: {User} changed the bandwidth policy")]
    private static partial void LogPolicyChanged(ILogger logger, string user);

    [LoggerMessage(EventId = TransferEventIds.DashboardLoginRefused, Level = LogLevel.Warning,
        Message = "Dashboard login refused: the token is unknown, used or expired")]
    private static partial void LogLoginRefused(ILogger logger);
}
