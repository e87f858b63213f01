using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Worker;

public sealed partial class NetworkCostMonitor
{
    [LoggerMessage(EventId = TransferEventIds.NetworkCostRead, Level = LogLevel.Information, Message = "Network cost is {State} ({Source}: {Detail})")]
    private static partial void LogRead(ILogger logger, NetworkCostStates state, string source, string detail);

    [LoggerMessage(EventId = TransferEventIds.NetworkCostChanged, Level = LogLevel.Information,
        Message = "Network cost changed to {State} from {Previous} ({Source}: {Detail}); jobs whose policy no longer allows it wait")]
    private static partial void LogChanged(ILogger logger, NetworkCostStates state, NetworkCostStates previous, string source, string detail);

    [LoggerMessage(EventId = TransferEventIds.NetworkCostUnknown, Level = LogLevel.Information,
        Message = "No network cost reading within {Timeout} of start: counted as Unrestricted until one comes")]
    private static partial void LogNoFirstReading(ILogger logger, TimeSpan timeout);

    [LoggerMessage(EventId = TransferEventIds.NetworkCostSourceFailed, Level = LogLevel.Warning,
        Message = "The network cost source {Source} failed; the cost is unknown (Unrestricted) until the silo restarts")]
    private static partial void LogSourceFailed(ILogger logger, Exception exception, string source);
}
