namespace Orleans.Transfer.Cli.Output.Json;

/// <summary>A job's timestamps in JSON (UTC, ISO 8601).</summary>
internal sealed record TimesJson(DateTimeOffset Created, DateTimeOffset Modified, DateTimeOffset? TransferCompleted);
