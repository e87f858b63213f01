using System.CommandLine;

namespace Orleans.Transfer.Cli.Commands;

/// <summary><c>xfer policy ...</c>: the service's bandwidth policy.</summary>
internal sealed class PolicyCommand : Command
{
    public PolicyCommand(CliContext context)
        : base("policy", "Shows and changes the service's bandwidth policy.")
    {
        Add(new PolicyShowCommand(context));
        Add(new PolicySetCommand(context));
    }
}
