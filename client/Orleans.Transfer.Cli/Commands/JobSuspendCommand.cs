using System.CommandLine;

namespace Orleans.Transfer.Cli.Commands;

/// <summary><c>xfer job suspend &lt;id&gt;</c>.</summary>
internal sealed class JobSuspendCommand : Command
{
    public JobSuspendCommand(CliContext context)
        : base("suspend", "Pauses the job until it is resumed.")
    {
        ClientCommands.SetJobVerb(this, context, (client, id, ct) => client.SuspendAsync(id, ct));
    }
}
