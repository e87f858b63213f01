using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Grains.Jobs;

internal sealed partial class JobRemoteNames
{
    [LoggerMessage(EventId = TransferEventIds.RemoteUrlChanged, Level = LogLevel.Information, Message = "Job {JobId}: file {FileIndex} has a new remote URL")]
    private static partial void LogRemoteUrlChanged(ILogger logger, Guid jobId, int fileIndex);

    [LoggerMessage(EventId = TransferEventIds.RemotePrefixReplaced, Level = LogLevel.Information, Message = "Job {JobId}: the remote prefix of {FileCount} file(s) was replaced")]
    private static partial void LogRemotePrefixReplaced(ILogger logger, Guid jobId, int fileCount);
}
