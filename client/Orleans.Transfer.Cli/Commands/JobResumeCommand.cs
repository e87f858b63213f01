using System.CommandLine;

namespace Orleans.Transfer.Cli.Commands;

/// <summary><c>xfer job resume &lt;id&gt;</c>.</summary>
internal sealed class JobResumeCommand : Command
{
    public JobResumeCommand(CliContext context)
        : base("resume", "Queues the job for transfer (also retries a job in Error at once).")
    {
        ClientCommands.SetJobVerb(this, context, (client, id, ct) => client.ResumeAsync(id, ct));
    }
}
