using System.CommandLine;

namespace Orleans.Transfer.Cli.Commands;

/// <summary><c>xfer service ...</c>: manages the local transfer service process.</summary>
internal sealed class ServiceCommand : Command
{
    public ServiceCommand(CliContext context)
        : base("service", "Manages the local transfer service (it starts by itself when needed).")
    {
        Add(new ServiceStopCommand(context));
        Add(new ServiceStatusCommand(context));
    }
}
