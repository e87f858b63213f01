using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Grains.Jobs;

internal sealed partial class JobController
{
    [LoggerMessage(EventId = TransferEventIds.JobCreated, Level = LogLevel.Information, Message = "Job {JobId} '{DisplayName}' created for {Owner}")]
    private static partial void LogJobCreated(ILogger logger, Guid jobId, string displayName, string owner);

    [LoggerMessage(EventId = TransferEventIds.FilesAdded, Level = LogLevel.Debug, Message = "Job {JobId}: {Added} file(s) added, {Total} in all")]
    private static partial void LogFilesAdded(ILogger logger, Guid jobId, int added, int total);

    [LoggerMessage(EventId = TransferEventIds.JobEnded, Level = LogLevel.Information, Message = "Job {JobId} ended: {State}")]
    private static partial void LogJobEnded(ILogger logger, Guid jobId, JobState state);
}
