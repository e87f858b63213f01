using Orleans.Transfer.Http;

namespace Orleans.Transfer.Cli.Output.Json;

/// <summary>The JSON shape of <c>job info --format json</c>; documented in docs/cli.md, so append only.</summary>
internal sealed record JobJson(
    Guid Id,
    string DisplayName,
    string Description,
    JobType Type,
    JobState State,
    JobPriority Priority,
    string Owner,
    ProgressJson Progress,
    IReadOnlyList<FileJson> Files,
    ErrorJson? Error,
    int ErrorCount,
    double MinimumRetryDelaySeconds,
    double NoProgressTimeoutSeconds,
    TimesJson Times,
    long? MaxBytesPerSecond,
    double MaxDownloadTimeSeconds,
    DateTimeOffset? NextRetryAt,
    NotificationsJson? Notifications,
    JobHttpInfo? Http,
    ReplyJson? Reply,
    string? CostPolicy,
    string? CostPolicyMask,
    bool CostPolicyIsDefault,
    YieldJson? Yield,
    string? Silo)
{
    public static JobJson From(JobInfo job) => new(
        job.Id,
        job.DisplayName,
        job.Description,
        job.Type,
        job.State,
        job.Priority,
        job.Owner,
        ProgressJson.From(job.Progress),
        [.. job.Files.Select(FileJson.From)],
        job.Error is null ? null : ErrorJson.From(job.Error),
        job.ErrorCount,
        job.MinimumRetryDelay.TotalSeconds,
        job.NoProgressTimeout.TotalSeconds,
        new TimesJson(job.Times.Created, job.Times.Modified, job.Times.TransferCompleted),
        job.MaxBytesPerSecond,
        job.MaxDownloadTime.TotalSeconds,
        job.NextRetryAt,
        job.Notifications is null ? null : NotificationsJson.From(job.Notifications),
        job.Http,
        job.Reply is null ? null : ReplyJson.From(job.Reply),
        job.CostPolicy is { } policy ? TransferPolicy.Name(policy) : null,
        job.CostPolicy is { } mask ? $"0x{(uint)mask:X8}" : null,
        job.CostPolicyIsDefault,
        job.Yield is null ? null : YieldJson.From(job.Yield),
        job.Silo);
}
