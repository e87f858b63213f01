using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Worker;

public sealed partial class NetworkManagerCostSource
{
    [LoggerMessage(EventId = TransferEventIds.NetworkCostUnknown, Level = LogLevel.Information,
        Message = "Network cost unknown, counted as Unrestricted: {Reason}. Set Transfer:Network:Cost to fix it")]
    private static partial void LogUnknown(ILogger logger, string reason);

    [LoggerMessage(EventId = TransferEventIds.NetworkCostSourceAway, Level = LogLevel.Information,
        Message = "Network cost source unreachable ({Reason}); keeping its last reading {State} for up to {Hold}")]
    private static partial void LogHolding(ILogger logger, string reason, NetworkCostStates state, TimeSpan hold);
}
