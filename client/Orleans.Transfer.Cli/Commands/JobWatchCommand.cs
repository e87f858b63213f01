using System.CommandLine;
using Orleans.Transfer.Cli.Input;

namespace Orleans.Transfer.Cli.Commands;

/// <summary><c>xfer job watch &lt;id&gt;</c>: follows a job until it settles; the exit code tells how it ended.</summary>
internal sealed class JobWatchCommand : Command
{
    public JobWatchCommand(CliContext context)
        : base("watch", "Shows a job's progress until it is Transferred, in Error, or final. Ctrl+C stops watching, not the job.")
    {
        var id = CliSymbols.JobId();
        Add(id);

        SetAction(async (parseResult, cancellationToken) =>
        {
            var client = await context.ConnectAsync(cancellationToken);
            var job = await JobWatcher.WaitUntilSettledAsync(client, parseResult.GetValue(id), context, cancellationToken);
            return JobWatcher.Report(job, context);
        });
    }
}
