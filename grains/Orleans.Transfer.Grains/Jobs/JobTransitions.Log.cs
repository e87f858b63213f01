using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Grains.Jobs;

internal sealed partial class JobTransitions
{
    [LoggerMessage(EventId = TransferEventIds.JobStateChanged, Level = LogLevel.Debug, Message = "Job {JobId}: {From} -> {To}")]
    private static partial void LogStateChanged(ILogger logger, Guid jobId, JobState from, JobState to);

    [LoggerMessage(EventId = TransferEventIds.JobFailed, Level = LogLevel.Warning, Message = "Job {JobId}: file {FileIndex} failed with {Code}: {Message}")]
    private static partial void LogJobFailed(ILogger logger, Guid jobId, int fileIndex, TransferErrorCode code, string message);

    [LoggerMessage(EventId = TransferEventIds.JobTransientError, Level = LogLevel.Warning, Message = "Job {JobId}: file {FileIndex} transient {Code}: {Message}; retrying at {NextRetryAt}")]
    private static partial void LogTransientError(ILogger logger, Guid jobId, int fileIndex, TransferErrorCode code, string message, DateTimeOffset nextRetryAt);

    [LoggerMessage(EventId = TransferEventIds.JobWaitingForNetwork, Level = LogLevel.Warning, Message = "Job {JobId}: file {FileIndex} needs the network, which is lost; waiting in TransientError until it returns")]
    private static partial void LogWaitingForNetwork(ILogger logger, Guid jobId, int fileIndex);

    [LoggerMessage(EventId = TransferEventIds.JobWaitingForCost, Level = LogLevel.Warning, Message = "Job {JobId} waits in TransientError: {Message}")]
    private static partial void LogWaitingForCost(ILogger logger, Guid jobId, string message);
}
