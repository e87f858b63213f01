using System.CommandLine;
using Orleans.Transfer.Cli.Input;

namespace Orleans.Transfer.Cli.Commands;

/// <summary><c>xfer job create &lt;display-name&gt;</c>: prints the new job's id on stdout.</summary>
internal sealed class JobCreateCommand : Command
{
    public JobCreateCommand(CliContext context)
        : base("create", "Creates a download job, suspended and empty, and prints its id.")
    {
        var displayName = new Argument<string>("display-name") { Description = "A name for people; need not be unique." };
        var description = new Option<string?>("--description") { Description = "A longer description." };
        var priority = CliSymbols.Priority("Priority of the job (default normal).");
        Add(displayName);
        Add(description);
        Add(priority);

        SetAction(async (parseResult, cancellationToken) =>
        {
            var client = await context.ConnectAsync(cancellationToken);
            var job = await client.CreateDownloadJobAsync(
                parseResult.GetValue(displayName)!,
                parseResult.GetValue(description),
                parseResult.GetValue(priority) ?? JobPriority.Normal,
                cancellationToken);
            context.Out.WriteLine(job.Id);
            return ExitCodes.Success;
        });
    }
}
