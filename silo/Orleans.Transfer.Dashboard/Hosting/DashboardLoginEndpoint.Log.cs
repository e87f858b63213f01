using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Dashboard.Hosting;

public static partial class DashboardLoginEndpoint
{
    [LoggerMessage(EventId = TransferEventIds.DashboardLoginMinted, Level = LogLevel.Information,
        Message = "Dashboard login link minted for {User}, valid once until {ExpiresAt:u}")]
    private static partial void LogMinted(ILogger logger, string user, DateTimeOffset expiresAt);
}
