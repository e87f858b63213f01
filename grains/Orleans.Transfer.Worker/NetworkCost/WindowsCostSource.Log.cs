using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Worker;

public sealed partial class WindowsCostSource
{
    [LoggerMessage(EventId = TransferEventIds.NetworkCostUnknown, Level = LogLevel.Information,
        Message = "Network cost unknown, counted as Unrestricted: {Reason}. Set Transfer:Network:Cost to fix it")]
    private static partial void LogUnknown(ILogger logger, string reason);
}
