using System.CommandLine;
using Orleans.Transfer.Cli.Input;
using Orleans.Transfer.Cli.Output;

namespace Orleans.Transfer.Cli.Commands;

/// <summary><c>xfer job watch &lt;id&gt; [--quiet] [--format text|json]</c>: follows a job until it settles; the exit code tells how it ended.</summary>
internal sealed class JobWatchCommand : Command
{
    public JobWatchCommand(CliContext context)
        : base("watch", "Shows a job's progress until it is Transferred, in Error, or final. Ctrl+C stops watching, not the job.")
    {
        var id = CliSymbols.JobId();
        var quiet = CliSymbols.Quiet();
        var format = CliSymbols.ProgressFormat();
        Add(id);
        Add(quiet);
        Add(format);
        CliSymbols.RejectQuietJson(this, quiet, format);

        SetAction(async (parseResult, cancellationToken) =>
        {
            var client = await context.ConnectAsync(cancellationToken);
            var view = ProgressView.For(context, parseResult.GetValue(quiet), parseResult.GetValue(format));
            var job = await JobWatcher.WaitUntilSettledAsync(client, parseResult.GetValue(id), view, cancellationToken);
            return JobWatcher.Report(job, context);
        });
    }
}
