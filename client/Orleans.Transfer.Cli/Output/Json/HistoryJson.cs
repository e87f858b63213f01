namespace Orleans.Transfer.Cli.Output.Json;

/// <summary><c>job events --format json</c>: a job's recorded history (docs/contracts.md).</summary>
/// <param name="JobId">The job.</param>
/// <param name="Events">The entries, oldest first.</param>
/// <param name="Dropped">Older entries no longer kept (a job keeps its newest 500).</param>
/// <param name="Next">The sequence number to pass as <c>--after</c> to read on.</param>
internal sealed record HistoryJson(Guid JobId, IReadOnlyList<HistoryEntryJson> Events, long Dropped, long Next)
{
    public static HistoryJson From(JobHistoryPage page) =>
        new(page.JobId, [.. page.Events.Select(HistoryEntryJson.From)], page.Dropped, page.Next);
}
