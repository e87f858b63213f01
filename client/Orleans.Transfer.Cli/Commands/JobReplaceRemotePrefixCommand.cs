using System.CommandLine;
using Orleans.Transfer.Cli.Input;

namespace Orleans.Transfer.Cli.Commands;

/// <summary><c>xfer job replace-remote-prefix &lt;id&gt; &lt;old&gt; &lt;new&gt;</c> (bitsadmin <c>/ReplaceRemotePrefix</c>).</summary>
internal sealed class JobReplaceRemotePrefixCommand : Command
{
    public JobReplaceRemotePrefixCommand(CliContext context)
        : base("replace-remote-prefix", "Replaces a prefix of the URLs of the job's files that are not yet complete, e.g. to move to another server.")
    {
        var id = CliSymbols.JobId();
        var oldPrefix = new Argument<string>("old") { Description = "The prefix to replace, such as http://old-server/ (case-sensitive)." };
        var newPrefix = new Argument<string>("new") { Description = "What replaces it." };
        Add(id);
        Add(oldPrefix);
        Add(newPrefix);

        SetAction(async (parseResult, cancellationToken) =>
        {
            var client = await context.ConnectAsync(cancellationToken);
            var job = await client.ReplaceRemotePrefixAsync(parseResult.GetValue(id), parseResult.GetValue(oldPrefix)!, parseResult.GetValue(newPrefix)!, cancellationToken);
            context.Error.WriteLine($"job {job.Id}: remote prefix replaced");
            return ExitCodes.Success;
        });
    }
}
