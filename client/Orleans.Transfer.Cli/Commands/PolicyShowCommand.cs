using System.CommandLine;
using Orleans.Transfer.Cli.Input;
using Orleans.Transfer.Cli.Output;

namespace Orleans.Transfer.Cli.Commands;

/// <summary><c>xfer policy show [--format table|json]</c>.</summary>
internal sealed class PolicyShowCommand : Command
{
    public PolicyShowCommand(CliContext context)
        : base("show", "Shows the bandwidth policy in force and the network cost the service detected.")
    {
        var format = CliSymbols.Format();
        Add(format);

        SetAction(async (parseResult, cancellationToken) =>
        {
            var client = await context.ConnectAsync(cancellationToken);
            var policy = await client.GetBandwidthPolicyAsync(cancellationToken);
            var cost = await client.GetNetworkCostAsync(cancellationToken);
            JobPrinter.WritePolicy(context.Out, policy, cost, parseResult.GetValue(format));
            return ExitCodes.Success;
        });
    }
}
