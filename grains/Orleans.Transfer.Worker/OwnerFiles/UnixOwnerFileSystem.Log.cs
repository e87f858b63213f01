using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Worker.OwnerFiles;

internal sealed partial class UnixOwnerFileSystem
{
    [LoggerMessage(EventId = TransferEventIds.TempFileNotResumed, Level = LogLevel.Warning, Message = "Temporary file {TempPath} was not resumed because {Reason}; the file starts again from zero in a new temporary file")]
    private static partial void LogTempFileNotResumed(ILogger logger, string tempPath, string reason);
}
