using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.LocalApi.Endpoints;

internal sealed partial class LocalApiErrorFilter
{
    [LoggerMessage(EventId = TransferEventIds.LocalApiRequestFailed, Level = LogLevel.Error, Message = "Local API request {Method} {Path} failed")]
    private static partial void LogRequestFailed(ILogger logger, Exception exception, string method, PathString path);

    [LoggerMessage(EventId = TransferEventIds.LocalApiRequestRefused, Level = LogLevel.Information, Message = "Local API request {Method} {Path} refused ({Code}): {Reason}")]
    private static partial void LogRequestRefused(ILogger logger, string method, PathString path, TransferErrorCode code, string reason);
}
