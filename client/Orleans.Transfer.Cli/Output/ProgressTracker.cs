namespace Orleans.Transfer.Cli.Output;

/// <summary>Turns successive states of one job into snapshots with a measured rate and an ETA.</summary>
internal sealed class ProgressTracker(TimeProvider time)
{
    private readonly RateMeter _meter = new(time);

    public ProgressSnapshot Next(JobInfo job)
    {
        // Connecting comes between files, so it belongs to the transfer; any other state pauses it.
        if (job.State is not (JobState.Connecting or JobState.Transferring))
        {
            _meter.Reset();
            return new ProgressSnapshot(job.Id, job.State, job.Progress, null, null);
        }

        _meter.Observe(job.Progress.BytesTransferred);
        var rate = _meter.BytesPerSecond;
        TimeSpan? eta = job.Progress.BytesTotal is { } total && rate is > 0
            ? TimeSpan.FromSeconds(Math.Max(0, total - job.Progress.BytesTransferred) / rate.Value)
            : null;
        return new ProgressSnapshot(job.Id, job.State, job.Progress, rate, eta);
    }
}
