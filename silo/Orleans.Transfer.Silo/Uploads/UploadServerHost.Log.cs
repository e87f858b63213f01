using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Silo.Uploads;

internal sealed partial class UploadServerHost
{
    [LoggerMessage(EventId = TransferEventIds.UploadServerListening, Level = LogLevel.Information,
        Message = "BITS upload server listening on {Url} for {Directories}; sessions are kept in grains")]
    private static partial void LogListening(ILogger logger, string url, string directories);
}
