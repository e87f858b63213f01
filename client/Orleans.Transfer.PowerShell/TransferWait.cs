using System.Globalization;
using System.Management.Automation;

namespace Orleans.Transfer.PowerShell;

/// <summary>
/// The synchronous half of Start-XferTransfer and Resume-XferTransfer (BitsTransfer's default): follows the job's
/// events with Write-Progress until it settles, completes it once transferred, and reports an Error as an ErrorRecord
/// carrying the job's error code. The job stays in the service when it fails or the user presses Ctrl+C.
/// </summary>
internal sealed class TransferWait(XferCmdlet cmdlet)
{
    /// <summary>Waits for the job and completes it once transferred; refusals and a failed job are written as errors.</summary>
    public void Run(JobInfo job, int activityId)
    {
        if (!Follow(job, activityId)
            || !cmdlet.TryCall(token => cmdlet.Client.GetAsync(job.Id, token), job.Id, out var settled))
        {
            return;
        }

        switch (settled.State)
        {
            // A job the service completes itself settles at Acknowledged (JobEvent.Settled), or Transferred when its
            // completion failed: Complete then fails as that did and is reported. An older service's watch ends at
            // Transferred: Complete waits for the service's moves.
            case JobState.Transferred:
                cmdlet.TryCall(token => cmdlet.Client.CompleteAsync(settled.Id, token), settled.Id, out _);
                break;
            case JobState.Error:
                cmdlet.WriteError(XferErrors.JobFailed(settled));
                break;
            case JobState.Cancelled:
                cmdlet.WriteError(XferErrors.JobCancelled(settled));
                break;
        }
    }

    /// <summary>Shows the job's events as progress, on the pipeline thread, until the job settles.</summary>
    private bool Follow(JobInfo job, int activityId)
    {
        var progress = new ProgressRecord(activityId, Activity(job), job.State.ToString());
        var events = cmdlet.Client.WatchAsync(job.Id, cmdlet.StopToken).GetAsyncEnumerator(cmdlet.StopToken);
        try
        {
            while (true)
            {
                if (!cmdlet.TryCall(_ => events.MoveNextAsync().AsTask(), job.Id, out var more))
                {
                    return false;
                }

                if (!more)
                {
                    return true;
                }

                var jobEvent = events.Current;
                progress.StatusDescription = Status(jobEvent);
                progress.PercentComplete = jobEvent.BytesTotal is > 0 and var total
                    ? (int)Math.Min(100, jobEvent.BytesTransferred * 100 / total)
                    : -1;
                cmdlet.WriteProgress(progress);
            }
        }
        finally
        {
            events.DisposeAsync().AsTask().GetAwaiter().GetResult();
            if (!cmdlet.StopToken.IsCancellationRequested)
            {
                progress.RecordType = ProgressRecordType.Completed;
                cmdlet.WriteProgress(progress);
            }
        }
    }

    private static string Activity(JobInfo job) => $"Transferring '{job.DisplayName}' ({job.Id})";

    private static string Status(JobEvent jobEvent)
    {
        var bytes = jobEvent.BytesTotal is { } total
            ? string.Create(CultureInfo.InvariantCulture, $"{jobEvent.BytesTransferred:N0} of {total:N0} bytes")
            : string.Create(CultureInfo.InvariantCulture, $"{jobEvent.BytesTransferred:N0} bytes");
        var error = jobEvent.ErrorCode is { } code ? $", {code}" : "";
        return $"{jobEvent.State}: {bytes}, {jobEvent.FilesTransferred} of {jobEvent.FilesTotal} file(s){error}";
    }
}
