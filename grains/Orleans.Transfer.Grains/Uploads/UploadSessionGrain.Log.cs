using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Grains.Uploads;

internal sealed partial class UploadSessionGrain
{
    [LoggerMessage(EventId = TransferEventIds.UploadSessionIndexNotUpdated, Level = LogLevel.Warning,
        Message = "Upload session {SessionId} is stored, but the session index was not told; the next sweep puts it right")]
    private static partial void LogIndexNotUpdated(ILogger logger, Exception exception, string sessionId);
}
