using System.CommandLine;
using Orleans.Transfer.Cli.Input;
using Orleans.Transfer.Cli.Output;

namespace Orleans.Transfer.Cli.Commands;

/// <summary><c>xfer policy show [--format table|json]</c>.</summary>
internal sealed class PolicyShowCommand : Command
{
    public PolicyShowCommand(CliContext context)
        : base("show", "Shows the bandwidth policy in force.")
    {
        var format = CliSymbols.Format();
        Add(format);

        SetAction(async (parseResult, cancellationToken) =>
        {
            var client = await context.ConnectAsync(cancellationToken);
            var policy = await client.GetBandwidthPolicyAsync(cancellationToken);
            JobPrinter.WritePolicy(context.Out, policy, parseResult.GetValue(format));
            return ExitCodes.Success;
        });
    }
}
