namespace Orleans.Transfer.Cli.Output.Json;

/// <summary>One element of <c>job list --format json</c>.</summary>
internal sealed record SummaryJson(
    Guid Id,
    string DisplayName,
    JobState State,
    JobPriority Priority,
    string Owner,
    ProgressJson Progress,
    SummaryTimesJson Times)
{
    public static SummaryJson From(JobSummary job) => new(
        job.Id,
        job.DisplayName,
        job.State,
        job.Priority,
        job.Owner,
        ProgressJson.From(job.Progress),
        new SummaryTimesJson(job.Created, job.Modified));
}
