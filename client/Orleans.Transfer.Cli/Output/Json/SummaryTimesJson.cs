namespace Orleans.Transfer.Cli.Output.Json;

/// <summary>The timestamps a listing carries (UTC, ISO 8601).</summary>
internal sealed record SummaryTimesJson(DateTimeOffset Created, DateTimeOffset Modified);
