using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Uploads.Protocol;

internal sealed partial class SessionAccess
{
    [LoggerMessage(EventId = TransferEventIds.UploadSessionLeaseWaitTimedOut, Level = LogLevel.Warning,
        Message = "Upload session {SessionId}: another request held the write lease for longer than {Waited}; this packet got 503 and the client sends it again.")]
    private static partial void LogLeaseWaitTimedOut(ILogger logger, string sessionId, TimeSpan waited);
}
