using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Grains.Kinds.Upload;

internal sealed partial class UploadRun
{
    [LoggerMessage(EventId = TransferEventIds.UploadLocalFileChanged, Level = LogLevel.Warning, Message = "Job {JobId}: the file to upload changed after {BytesTransferred} bytes were sent; Resume sends it again from the start")]
    private static partial void LogLocalFileChanged(ILogger logger, Guid jobId, long bytesTransferred);

    [LoggerMessage(EventId = TransferEventIds.UploadReplyFound, Level = LogLevel.Information, Message = "Job {JobId}: upload of {BytesTransferred} bytes done; downloading the server's reply")]
    private static partial void LogReplyFound(ILogger logger, Guid jobId, long bytesTransferred);

    [LoggerMessage(EventId = TransferEventIds.UploadReplyMissing, Level = LogLevel.Warning, Message = "Job {JobId}: the server acknowledged the upload with no reply URL; the reply is empty")]
    private static partial void LogReplyMissing(ILogger logger, Guid jobId);
}
