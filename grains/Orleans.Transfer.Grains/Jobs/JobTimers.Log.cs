using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Grains.Jobs;

internal sealed partial class JobTimers
{
    [LoggerMessage(EventId = TransferEventIds.JobNetworkReturned, Level = LogLevel.Information, Message = "Job {JobId}: the network returned; queued again")]
    private static partial void LogNetworkReturned(ILogger logger, Guid jobId);

    [LoggerMessage(EventId = TransferEventIds.JobCostAllowed, Level = LogLevel.Information, Message = "Job {JobId}: the network cost {State} is allowed by its policy {Policy}; queued again")]
    private static partial void LogCostAllowed(ILogger logger, Guid jobId, NetworkCostStates state, NetworkCostStates policy);
}
