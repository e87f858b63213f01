using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Uploads.Protocol;

internal sealed partial class FragmentPacket
{
    [LoggerMessage(EventId = TransferEventIds.UploadPartialLost, Level = LogLevel.Warning,
        Message = "Upload session {SessionId}: its partial file no longer holds the {ReceivedBytes} acknowledged bytes (deleted, replaced or truncated); the session was deleted and the client starts over.")]
    private static partial void LogPartialLost(ILogger logger, string sessionId, long receivedBytes);
}
