using System.CommandLine;
using Orleans.Transfer.Client;

namespace Orleans.Transfer.Cli.Commands;

/// <summary>Helpers for the one-verb job commands (resume, suspend, cancel, complete).</summary>
internal static class ClientCommands
{
    /// <summary>Gives <paramref name="command"/> a job id argument and an action that applies <paramref name="verb"/>.</summary>
    public static void SetJobVerb(
        Command command,
        CliContext context,
        Func<ITransferClient, Guid, CancellationToken, Task<JobInfo>> verb)
    {
        var id = Input.CliSymbols.JobId();
        command.Add(id);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var client = await context.ConnectAsync(cancellationToken);
            var job = await verb(client, parseResult.GetValue(id), cancellationToken);
            context.Error.WriteLine($"job {job.Id}: {job.State}");
            return ExitCodes.Success;
        });
    }
}
