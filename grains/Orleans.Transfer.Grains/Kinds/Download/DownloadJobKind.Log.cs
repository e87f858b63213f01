using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Grains.Kinds.Download;

internal sealed partial class DownloadJobKind
{
    [LoggerMessage(EventId = TransferEventIds.TempFileNotDeleted, Level = LogLevel.Warning, Message = "Job {JobId}: could not delete temporary file {TempPath}")]
    private static partial void LogTempFileNotDeleted(ILogger logger, Exception exception, Guid jobId, string tempPath);
}
