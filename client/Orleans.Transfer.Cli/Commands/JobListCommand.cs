using System.CommandLine;
using Orleans.Transfer.Cli.Input;
using Orleans.Transfer.Cli.Output;

namespace Orleans.Transfer.Cli.Commands;

/// <summary><c>xfer job list [--all] [--format table|json]</c>.</summary>
internal sealed class JobListCommand : Command
{
    public JobListCommand(CliContext context)
        : base("list", "Lists your jobs that are not final (Acknowledged and Cancelled jobs are left out).")
    {
        var all = new Option<bool>("--all") { Description = "List every owner's jobs, final ones included." };
        var format = CliSymbols.Format();
        Add(all);
        Add(format);

        SetAction(async (parseResult, cancellationToken) =>
        {
            var everything = parseResult.GetValue(all);
            var query = new JobListQuery(everything ? null : Environment.UserName, IncludeFinal: everything);
            var client = await context.ConnectAsync(cancellationToken);
            var jobs = await client.ListAsync(query, cancellationToken);
            JobPrinter.WriteList(context.Out, jobs, parseResult.GetValue(format));
            return ExitCodes.Success;
        });
    }
}
