using System.CommandLine;
using Orleans.Transfer.Cli.Input;
using Orleans.Transfer.Cli.Output;
using Orleans.Transfer.Client;

namespace Orleans.Transfer.Cli.Commands;

/// <summary><c>xfer job take-ownership &lt;id&gt;</c> (bitsadmin <c>/takeownership</c>).</summary>
internal sealed class JobTakeOwnershipCommand : Command
{
    public JobTakeOwnershipCommand(CliContext context)
        : base("take-ownership", "Makes another owner's job yours, as it is (administrators).")
    {
        var id = CliSymbols.JobId();
        Add(id);

        SetAction(async (parseResult, cancellationToken) =>
        {
            var client = await context.ConnectAsync(cancellationToken);
            var job = await client.TakeOwnershipAsync(parseResult.GetValue(id), cancellationToken);
            context.Error.WriteLine($"job {job.Id}: {job.State}, owned by {TerminalText.Safe(OwnerNames.Describe(job.Owner))}");
            return ExitCodes.Success;
        });
    }
}
