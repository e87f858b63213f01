using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Silo;

internal sealed partial class ServiceStartFailure
{
    [LoggerMessage(EventId = TransferEventIds.ServiceSurfaceCannotListen, Level = LogLevel.Critical,
        Message = "{Reason} The service stops (exit code {ExitCode}).")]
    private static partial void LogStopping(ILogger logger, string reason, int exitCode);
}
