using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Grains.Jobs;

internal sealed partial class JobPersistence
{
    [LoggerMessage(EventId = TransferEventIds.CatalogWriteFailed, Level = LogLevel.Warning, Message = "Job {JobId}: catalog write failed; it will be rewritten on the next change")]
    private static partial void LogCatalogWriteFailed(ILogger logger, Exception exception, Guid jobId);
}
