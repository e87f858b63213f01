using System.CommandLine;
using Orleans.Transfer.Cli.Input;
using Orleans.Transfer.Cli.Output;
using Orleans.Transfer.Client;
using Orleans.Transfer.LocalApi;

namespace Orleans.Transfer.Cli.Commands;

/// <summary>
/// <c>xfer service status [--format table|json]</c>: whether the service runs, its version, store, listening addresses
/// and jobs by state (yours, or every owner's for administrators). Never starts the service: a status that started
/// what it reports on would always say "running". Not running: exit <see cref="ExitCodes.ServiceUnavailable"/>.
/// </summary>
internal sealed class ServiceStatusCommand : Command
{
    public ServiceStatusCommand(CliContext context)
        : base("status", "Shows whether the transfer service runs, its version, store, listening addresses and jobs by state; never starts it.")
    {
        var format = CliSymbols.Format();
        Add(format);

        SetAction(async (parseResult, cancellationToken) =>
        {
            var client = await context.ConnectIfRunningAsync(cancellationToken);
            if (client is null)
            {
                ServicePrinter.WriteNotRunning(context.Out, context.Error, ExpectedAddress(), parseResult.GetValue(format));
                return ExitCodes.ServiceUnavailable;
            }

            var status = await client.GetServiceStatusAsync(cancellationToken);
            ServicePrinter.WriteStatus(context.Out, client.Address, status, parseResult.GetValue(format));
            return ExitCodes.Success;
        });
    }

    /// <summary>Where the client looked, as <see cref="LocalApiTransferClient.Address"/> names it.</summary>
    private static string ExpectedAddress()
    {
        if (OperatingSystem.IsWindows())
        {
            return $@"\\.\pipe\{LocalApiAddress.PipeName}";
        }

        try
        {
            return new LocalApiClientOptions().ResolveSocketPath();
        }
        catch (ArgumentException ex)
        {
            return ex.Message;
        }
    }
}
