using Orleans.Transfer.Cli.Output;
using Orleans.Transfer.Client;

namespace Orleans.Transfer.Cli.Commands;

/// <summary>Follows a job until it settles, showing progress, and turns the outcome into an exit code.</summary>
internal static class JobWatcher
{
    public static async Task<JobInfo> WaitUntilSettledAsync(ITransferClient client, Guid jobId, ProgressView view, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var jobEvent in client.WatchAsync(jobId, cancellationToken))
            {
                view.Show(jobEvent);
            }
        }
        finally
        {
            view.Finish();
        }

        // The events are small; the report needs the files and the error.
        return await client.GetAsync(jobId, cancellationToken);
    }

    /// <summary>Reports a settled job: files in place is success, Error prints the error, anything else is not.</summary>
    public static int Report(JobInfo job, CliContext context)
    {
        switch (job.State)
        {
            case JobState.Acknowledged when job.Files.All(f => f.Completed):
                context.Error.WriteLine($"job {job.Id}: {job.Files.Count} file(s) in place.");
                return ExitCodes.Success;
            case JobState.Transferred when job is { CompleteWhenTransferred: true, Error: { } error }:
                // The service's own completion failed (B30): the files are not in place.
                JobPrinter.WriteError(context.Error, job.Id, error);
                context.Error.WriteLine($"The job stays Transferred: fix the cause, then 'xfer job complete {job.Id}', or 'xfer job cancel {job.Id}'.");
                return ExitCodes.JobFailed;
            case JobState.Transferred:
                context.Error.WriteLine($"job {job.Id}: transferred; run 'xfer job complete {job.Id}' to put the files in place.");
                return ExitCodes.Success;
            case JobState.Error when job.Error is { } error:
                JobPrinter.WriteError(context.Error, job.Id, error);
                context.Error.WriteLine(
                    $"The job stays in the service: inspect it with 'xfer job info {job.Id}', then 'xfer job resume {job.Id}' or 'xfer job cancel {job.Id}'.");
                return ExitCodes.JobFailed;
            case JobState.Error:
                context.Error.WriteLine($"job {job.Id}: in Error.");
                return ExitCodes.JobFailed;
            default:
                context.Error.WriteLine($"job {job.Id}: ended {job.State}, files not in place.");
                return ExitCodes.NotCompleted;
        }
    }
}
