using System.CommandLine;
using Orleans.Transfer.Cli.Output;
using Orleans.Transfer.Client;

namespace Orleans.Transfer.Cli.Commands;

/// <summary>
/// What <c>xfer transfer</c> and <c>xfer upload</c> share: the job created, queued and given its options in one call,
/// its id printed with <c>--no-wait</c>, else progress until it settles; Ctrl+C stops the waiting, not the job.
/// </summary>
internal static class OneShotJob
{
    /// <summary>Runs <paramref name="request"/>; <paramref name="settled"/> turns the settled job into the exit code.</summary>
    /// <param name="context">The command's surroundings.</param>
    /// <param name="request">The whole job, files, options and credentials included.</param>
    /// <param name="display">The <c>--no-wait</c>, <c>--quiet</c> and <c>--format</c> options.</param>
    /// <param name="parseResult">The command line they were given on.</param>
    /// <param name="started">The line shown once the job exists (without <c>--quiet</c>).</param>
    /// <param name="settled">Completes the job and reports it.</param>
    /// <param name="cancellationToken">Ctrl+C.</param>
    public static async Task<int> RunAsync(
        CliContext context,
        CreateJobRequest request,
        OneShotDisplay display,
        ParseResult parseResult,
        Func<JobInfo, string> started,
        Func<ITransferClient, JobInfo, CancellationToken, Task<int>> settled,
        CancellationToken cancellationToken)
    {
        var client = await context.ConnectAsync(cancellationToken);

        // One call: the service validates every property, option and file first, so bad input leaves no job behind,
        // and the cap, credentials and headers apply before the first byte.
        var job = await client.CreateJobAsync(request, cancellationToken);

        if (display.NoWait(parseResult))
        {
            context.Out.WriteLine(job.Id);
            return ExitCodes.Success;
        }

        var quiet = display.Quiet(parseResult);
        if (!quiet)
        {
            context.Error.WriteLine(started(job));
        }

        try
        {
            job = await JobWatcher.WaitUntilSettledAsync(client, job.Id, ProgressView.For(context, quiet, display.Format(parseResult)), cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The service keeps working on its own, as BITS does: the user only stopped waiting.
            context.Error.WriteLine($"Interrupted. Job {job.Id} keeps running in the background.");
            context.Error.WriteLine($"  watch it:  xfer job watch {job.Id}");
            context.Error.WriteLine($"  cancel it: xfer job cancel {job.Id}");
            return ExitCodes.Interrupted;
        }

        return await settled(client, job, cancellationToken);
    }
}
