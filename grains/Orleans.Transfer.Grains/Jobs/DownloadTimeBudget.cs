using Orleans.Transfer.Grains.State;
using Orleans.Transfer.Worker;

namespace Orleans.Transfer.Grains.Jobs;

/// <summary>B90: MaxDownloadTime counts time spent Connecting or Transferring since the last Resume.</summary>
internal static class DownloadTimeBudget
{
    public static void Track(TransferJobState job, JobState from, JobState to, DateTimeOffset now)
    {
        var wasDownloading = from is JobState.Connecting or JobState.Transferring;
        var isDownloading = to is JobState.Connecting or JobState.Transferring;
        if (wasDownloading && !isDownloading && job.DownloadingSince is { } since)
        {
            job.DownloadTimeUsed += now - since;
            job.DownloadingSince = null;
        }
        else if (isDownloading && job.DownloadingSince is null)
        {
            job.DownloadingSince = now;
        }
    }

    public static bool Exceeded(TransferJobState job, DateTimeOffset now) =>
        job.DownloadingSince is { } since && job.DownloadTimeUsed + (now - since) > job.MaxDownloadTime;

    public static TransferFailure Failure(TransferJobState job) =>
        new(
            TransferErrorCode.MaxDownloadTimeExceeded,
            ErrorContext.QueueManager,
            $"The job spent more than its MaxDownloadTime ({job.MaxDownloadTime}) connecting and transferring; raise it with 'xfer job set' or check the server, then resume.",
            HttpStatus: null,
            IsTransient: false);
}
