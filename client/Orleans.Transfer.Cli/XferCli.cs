using System.CommandLine;
using Orleans.Runtime.Messaging;
using Orleans.Transfer.Cli.Commands;
using Orleans.Transfer.Cli.Output;
using Orleans.Transfer.Cli.Service;
using Orleans.Transfer.Client;

namespace Orleans.Transfer.Cli;

/// <summary>Runs one <c>xfer</c> command line and maps its outcome, including every failure, to an exit code.</summary>
internal static class XferCli
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliContext context, CancellationToken cancellationToken)
    {
        // Before parsing, whose errors would quote the value: other users can read a process's arguments.
        if (args.Any(a => a == "--password" || a.StartsWith("--password=", StringComparison.Ordinal)))
        {
            context.Error.WriteLine("error: --password: xfer takes no password on the command line, where other users can read it; "
                + "pipe it into standard input (one line), or give --password-file.");
            return ExitCodes.Usage;
        }

        var parseResult = new XferRootCommand(context).Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            foreach (var parseError in parseResult.Errors)
            {
                context.Error.WriteLine($"error: {TerminalText.Safe(parseError.Message)}");
            }

            context.Error.WriteLine("Run 'xfer --help' for usage.");
            return ExitCodes.Usage;
        }

        var invocation = new InvocationConfiguration
        {
            Output = context.Out,
            Error = context.Error,
            EnableDefaultExceptionHandler = false,

            // Program owns Ctrl+C: it cancels the token, and the transfer command decides what that means.
            ProcessTerminationTimeout = null,
        };

        try
        {
            return await parseResult.InvokeAsync(invocation, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            context.Error.WriteLine("Interrupted.");
            return ExitCodes.Interrupted;
        }
        catch (UsageException ex)
        {
            foreach (var message in ex.Messages)
            {
                context.Error.WriteLine($"error: {TerminalText.Safe(message)}");
            }

            return ExitCodes.Usage;
        }
        catch (TransferJobException ex)
        {
            var field = ex.Field is null ? string.Empty : $" (field: {ex.Field})";
            context.Error.WriteLine($"error {ex.Code}: {TerminalText.Safe(ex.Message)}{TerminalText.Safe(field)}");
            return ExitCodes.Refused;
        }
        catch (ServiceUnavailableException ex)
        {
            context.Error.WriteLine($"error: {TerminalText.Safe(ex.Message)}");
            return ExitCodes.ServiceUnavailable;
        }
        catch (TransferServiceUnavailableException ex)
        {
            // The service answered when the command began, and has gone since.
            context.Error.WriteLine($"error: the transfer service stopped answering: {TerminalText.Safe(ex.Message)}");
            return ExitCodes.ServiceUnavailable;
        }
        catch (Exception ex) when (ex is HttpRequestException or HttpIOException or TimeoutException
            or SiloUnavailableException or ConnectionFailedException or OrleansMessageRejectionException)
        {
            context.Error.WriteLine($"error: the transfer service stopped answering: {TerminalText.Safe(ex.Message)}");
            return ExitCodes.ServiceUnavailable;
        }
        catch (Exception ex)
        {
            context.Error.WriteLine($"error: unexpected failure: {TerminalText.Safe(ex.ToString())}");
            return ExitCodes.Failure;
        }
    }
}
