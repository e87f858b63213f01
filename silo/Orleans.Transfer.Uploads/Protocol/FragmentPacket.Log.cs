using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Uploads.Protocol;

internal sealed partial class FragmentPacket
{
    [LoggerMessage(EventId = TransferEventIds.UploadPartialLost, Level = LogLevel.Warning,
        Message = "Upload session {SessionId}: its partial file no longer holds the {ReceivedBytes} acknowledged bytes (deleted, replaced or truncated); the session was deleted and the client starts over.")]
    private static partial void LogPartialLost(ILogger logger, string sessionId, long receivedBytes);

    [LoggerMessage(EventId = TransferEventIds.UploadFragmentAccepted, Level = LogLevel.Debug,
        Message = "Upload session {SessionId}: fragment {First}-{Last} accepted here; next byte {ReceivedBytes}.")]
    private static partial void LogFragmentAccepted(ILogger logger, string sessionId, long first, long last, long receivedBytes);
}
