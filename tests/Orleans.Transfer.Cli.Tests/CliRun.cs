using Orleans.Transfer.Client;

namespace Orleans.Transfer.Cli.Tests;

/// <summary>Runs a real <c>xfer</c> command line in-process and captures what it printed.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Error)
{
    public static Task<CliRun> WithoutServiceAsync(params string[] args) =>
        InvokeAsync(_ => throw new InvalidOperationException("This command line must not need the service."), CancellationToken.None, args);

    public static Task<CliRun> InvokeAsync(ITransferClient client, params string[] args) =>
        InvokeAsync(_ => Task.FromResult(client), CancellationToken.None, args);

    public static async Task<CliRun> InvokeAsync(
        Func<CancellationToken, Task<ITransferClient>> connect,
        CancellationToken cancellationToken,
        params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var context = new CliContext(output, error, ErrorIsTerminal: false, connect);
        var exitCode = await XferCli.RunAsync(args, context, cancellationToken);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Out}\nstderr:\n{Error}";
}
