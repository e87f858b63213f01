using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Worker;

public sealed partial class NetworkMonitor
{
    [LoggerMessage(EventId = TransferEventIds.NetworkStartedOffline, Level = LogLevel.Warning,
        Message = "No usable network at start ({Description}); jobs that need it wait in TransientError until it comes")]
    private static partial void LogStartedOffline(ILogger logger, string description);

    [LoggerMessage(EventId = TransferEventIds.NetworkLost, Level = LogLevel.Warning,
        Message = "Network lost for {UnusableFor} ({Description}); jobs that need it wait in TransientError until it returns")]
    private static partial void LogLost(ILogger logger, TimeSpan unusableFor, string description);

    [LoggerMessage(EventId = TransferEventIds.NetworkReturned, Level = LogLevel.Information, Message = "Network returned ({Description}); waiting jobs are queued again")]
    private static partial void LogReturned(ILogger logger, string description);
}
