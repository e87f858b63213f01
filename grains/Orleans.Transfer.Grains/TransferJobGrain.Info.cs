namespace Orleans.Transfer.Grains;

/// <summary>Projections of the state for callers and the catalog.</summary>
internal sealed partial class TransferJobGrain
{
    private JobInfo ToInfo()
    {
        var files = Job.Files
            .Select((f, i) => new JobFileInfo(
                f.RemoteUrl,
                f.LocalPath,
                f.Ranges,
                f.BytesTotal,
                LiveBytes(i, f.BytesTransferred),
                f.Completed,
                f.Note))
            .ToList();
        return new JobInfo(
            JobId,
            Job.DisplayName,
            Job.Description,
            Job.Type,
            Job.State,
            Job.Priority,
            Job.Owner,
            ComputeProgress(live: true),
            files,
            Job.Error,
            Job.ErrorCount,
            Job.MinimumRetryDelay,
            Job.NoProgressTimeout,
            new JobTimes(Job.Created, Job.Modified, Job.TransferCompleted),
            Job.MaxDownloadTime,
            Job.NextRetryAt,
            Job.MaxBytesPerSecond,
            Job.Notifications is { WebhookSecret: not null } settings ? settings with { WebhookSecret = "***" } : Job.Notifications);
    }

    private JobProgress ComputeProgress(bool live)
    {
        long? total = 0;
        long transferred = 0;
        for (var i = 0; i < Job.Files.Count; i++)
        {
            var file = Job.Files[i];
            total = total is null || file.BytesTotal is null ? null : total + file.BytesTotal;
            transferred += live ? LiveBytes(i, file.BytesTransferred) : file.BytesTransferred;
        }

        return new JobProgress(total, transferred, Job.Files.Count, Job.Files.Count(f => f.Completed));
    }

    // Between checkpoints the worker is ahead of the durable count; callers want to see bytes move.
    private long LiveBytes(int fileIndex, long checkpointed) =>
        fileIndex == _currentFileIndex && _currentRun is { } run ? Math.Max(checkpointed, run.LiveBytes) : checkpointed;
}
