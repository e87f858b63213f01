using System.CommandLine;

namespace Orleans.Transfer.Cli.Commands;

/// <summary><c>xfer job cancel &lt;id&gt;</c>.</summary>
internal sealed class JobCancelCommand : Command
{
    public JobCancelCommand(CliContext context)
        : base("cancel", "Ends the job and deletes its temporary files.")
    {
        ClientCommands.SetJobVerb(this, context, (client, id, ct) => client.CancelAsync(id, ct));
    }
}
