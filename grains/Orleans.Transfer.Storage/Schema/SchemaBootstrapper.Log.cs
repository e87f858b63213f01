using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Storage.Schema;

public sealed partial class SchemaBootstrapper
{
    [LoggerMessage(EventId = TransferEventIds.SchemaReady, Level = LogLevel.Information, Message = "Storage schema ready in {Database} ({ScriptCount} scripts applied)")]
    private partial void LogSchemaReady(string database, int scriptCount);

    [LoggerMessage(EventId = TransferEventIds.SchemaConnectRetry, Level = LogLevel.Warning, Message = "Cannot reach {Database} yet (attempt {Attempt} of {MaxAttempts}); retrying")]
    private partial void LogConnectRetry(Exception exception, string database, int attempt, int maxAttempts);
}
