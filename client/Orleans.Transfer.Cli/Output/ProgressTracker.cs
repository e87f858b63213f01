namespace Orleans.Transfer.Cli.Output;

/// <summary>Turns successive states of one job into snapshots with a measured rate and an ETA.</summary>
internal sealed class ProgressTracker(TimeProvider time)
{
    private readonly RateMeter _meter = new(time);

    public ProgressSnapshot Next(JobEvent jobEvent)
    {
        var progress = new JobProgress(jobEvent.BytesTotal, jobEvent.BytesTransferred, jobEvent.FilesTotal, jobEvent.FilesTransferred);

        // Connecting comes between files, so it belongs to the transfer; any other state pauses it.
        if (jobEvent.State is not (JobState.Connecting or JobState.Transferring))
        {
            _meter.Reset();
            return new ProgressSnapshot(jobEvent.JobId, jobEvent.State, progress, null, null);
        }

        _meter.Observe(progress.BytesTransferred);
        var rate = _meter.BytesPerSecond;
        TimeSpan? eta = progress.BytesTotal is { } total && rate is > 0
            ? TimeSpan.FromSeconds(Math.Max(0, total - progress.BytesTransferred) / rate.Value)
            : null;
        return new ProgressSnapshot(jobEvent.JobId, jobEvent.State, progress, rate, eta);
    }
}
