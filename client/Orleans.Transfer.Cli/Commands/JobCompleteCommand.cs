using System.CommandLine;

namespace Orleans.Transfer.Cli.Commands;

/// <summary><c>xfer job complete &lt;id&gt;</c>.</summary>
internal sealed class JobCompleteCommand : Command
{
    public JobCompleteCommand(CliContext context)
        : base("complete", "Ends the job, moving the downloaded files to their final names.")
    {
        ClientCommands.SetJobVerb(this, context, (client, id, ct) => client.CompleteAsync(id, ct));
    }
}
