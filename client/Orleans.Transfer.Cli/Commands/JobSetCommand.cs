using System.CommandLine;
using Orleans.Transfer.Cli.Input;

namespace Orleans.Transfer.Cli.Commands;

/// <summary><c>xfer job set &lt;id&gt; [--priority] [--display-name] [--description] [--min-retry-delay] [--no-progress-timeout]</c>.</summary>
internal sealed class JobSetCommand : Command
{
    public JobSetCommand(CliContext context)
        : base("set", "Changes a job's properties; options not given are left as they are.")
    {
        var id = CliSymbols.JobId();
        var priority = CliSymbols.Priority("New priority.");
        var displayName = new Option<string?>("--display-name") { Description = "New display name." };
        var description = new Option<string?>("--description") { Description = "New description." };
        var minRetryDelay = CliSymbols.Seconds("--min-retry-delay", "Seconds a job in TransientError waits before retrying (at least 5).");
        var noProgressTimeout = CliSymbols.Seconds("--no-progress-timeout", "Seconds without progress before a TransientError becomes an Error.");
        Add(id);
        Add(priority);
        Add(displayName);
        Add(description);
        Add(minRetryDelay);
        Add(noProgressTimeout);

        SetAction(async (parseResult, cancellationToken) =>
        {
            var update = new JobPropertiesUpdate(
                parseResult.GetValue(displayName),
                parseResult.GetValue(description),
                parseResult.GetValue(priority),
                parseResult.GetValue(minRetryDelay),
                parseResult.GetValue(noProgressTimeout));
            if (update == new JobPropertiesUpdate())
            {
                throw new UsageException(
                    "job set: give at least one of --priority, --display-name, --description, --min-retry-delay, --no-progress-timeout.");
            }

            var client = await context.ConnectAsync(cancellationToken);
            var job = await client.SetPropertiesAsync(parseResult.GetValue(id), update, cancellationToken);
            context.Error.WriteLine($"job {job.Id}: updated");
            return ExitCodes.Success;
        });
    }
}
