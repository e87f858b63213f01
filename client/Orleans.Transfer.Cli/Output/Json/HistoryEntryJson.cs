namespace Orleans.Transfer.Cli.Output.Json;

/// <summary>One entry of <c>job events --format json</c> (docs/contracts.md).</summary>
internal sealed record HistoryEntryJson(long Seq, DateTimeOffset At, JobHistoryKind Kind, JobState State, string? Code, string Message)
{
    public static HistoryEntryJson From(JobHistoryEntry entry) =>
        new(entry.Seq, entry.At.ToUniversalTime(), entry.Kind, entry.State, entry.Code, entry.Message);
}
