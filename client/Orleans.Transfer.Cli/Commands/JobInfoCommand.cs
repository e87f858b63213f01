using System.CommandLine;
using Orleans.Transfer.Cli.Input;
using Orleans.Transfer.Cli.Output;

namespace Orleans.Transfer.Cli.Commands;

/// <summary><c>xfer job info &lt;id&gt; [--format table|json]</c>.</summary>
internal sealed class JobInfoCommand : Command
{
    public JobInfoCommand(CliContext context)
        : base("info", "Shows a job: state, progress, files, last error.")
    {
        var id = CliSymbols.JobId();
        var format = CliSymbols.Format();
        Add(id);
        Add(format);

        SetAction(async (parseResult, cancellationToken) =>
        {
            var client = await context.ConnectAsync(cancellationToken);
            var job = await client.GetAsync(parseResult.GetValue(id), cancellationToken);
            JobPrinter.WriteJob(context.Out, job, parseResult.GetValue(format));
            return ExitCodes.Success;
        });
    }
}
