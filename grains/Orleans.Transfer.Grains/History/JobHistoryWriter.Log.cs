using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Grains.History;

internal sealed partial class JobHistoryWriter
{
    [LoggerMessage(EventId = TransferEventIds.JobHistoryWriteFailed, Level = LogLevel.Warning,
        Message = "{Count} job history entries could not be written and are dropped; the jobs go on")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, int count);
}
