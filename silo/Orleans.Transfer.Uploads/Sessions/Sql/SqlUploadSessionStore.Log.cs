using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Uploads.Sessions.Sql;

internal sealed partial class SqlUploadSessionStore
{
    [LoggerMessage(EventId = TransferEventIds.UploadSessionTableReady, Level = LogLevel.Information,
        Message = "Upload sessions are kept in table {Table} of the {Database}")]
    private static partial void LogTableReady(ILogger logger, string table, string database);
}
