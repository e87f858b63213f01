using System.CommandLine;
using Orleans.Transfer.Cli.Input;
using Orleans.Transfer.Cli.Output;

namespace Orleans.Transfer.Cli.Commands;

/// <summary><c>xfer whoami [--format table|json]</c>: who the service takes the caller to be.</summary>
internal sealed class WhoamiCommand : Command
{
    public WhoamiCommand(CliContext context)
        : base("whoami", "Shows who the service takes you to be: the owner id your jobs carry, your account name, and whether you are an administrator.")
    {
        var format = CliSymbols.Format();
        Add(format);

        SetAction(async (parseResult, cancellationToken) =>
        {
            var client = await context.ConnectAsync(cancellationToken);
            var caller = await client.GetCallerAsync(cancellationToken);
            JobPrinter.WriteCaller(context.Out, caller, parseResult.GetValue(format));
            return ExitCodes.Success;
        });
    }
}
