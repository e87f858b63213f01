using Orleans.Transfer.Cli;
using Orleans.Transfer.Cli.Service;

using var interrupted = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // Keep the process alive so commands can say what happens to the job; a second Ctrl+C still kills it.
    if (!interrupted.IsCancellationRequested)
    {
        e.Cancel = true;
        interrupted.Cancel();
    }
};

using var connection = new ServiceConnection(Console.Error, TimeProvider.System);
var context = new CliContext(Console.Out, Console.Error, ErrorIsTerminal: !Console.IsErrorRedirected, connection.ConnectAsync)
{
    ConnectIfRunningAsync = connection.ConnectIfRunningAsync,
    In = Console.In,
    InputIsTerminal = !Console.IsInputRedirected,
};
return await XferCli.RunAsync(args, context, interrupted.Token);
