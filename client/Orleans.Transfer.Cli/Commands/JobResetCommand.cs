using System.CommandLine;

namespace Orleans.Transfer.Cli.Commands;

/// <summary><c>xfer job reset [--all]</c> (bitsadmin <c>/reset</c>).</summary>
internal sealed class JobResetCommand : Command
{
    public JobResetCommand(CliContext context)
        : base("reset", "Cancels all your jobs that are not final (their temporary files are deleted).")
    {
        var all = new Option<bool>("--all") { Description = "Cancel every owner's jobs (administrators)." };
        Add(all);

        SetAction(async (parseResult, cancellationToken) =>
        {
            var client = await context.ConnectAsync(cancellationToken);
            var result = await client.ResetAsync(parseResult.GetValue(all), cancellationToken);
            context.Out.WriteLine($"Cancelled {result.Cancelled} job(s).");
            if (result.Failed > 0)
            {
                context.Error.WriteLine($"{result.Failed} job(s) could not be cancelled: they ended meanwhile, or did not answer.");
            }

            return ExitCodes.Success;
        });
    }
}
