using Orleans.Transfer.Client;

namespace Orleans.Transfer.Cli.Tests;

/// <summary>Runs a real <c>xfer</c> command line in-process and captures what it printed.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Error)
{
    public static Task<CliRun> WithoutServiceAsync(params string[] args) =>
        InvokeAsync(_ => throw new InvalidOperationException("This command line must not need the service."), CancellationToken.None, args);

    public static Task<CliRun> InvokeAsync(ITransferClient client, params string[] args) =>
        InvokeAsync(_ => Task.FromResult(client), CancellationToken.None, args);

    /// <summary>Runs with <paramref name="input"/> as standard input (not a terminal).</summary>
    public static Task<CliRun> WithInputAsync(ITransferClient client, string input, params string[] args) =>
        RunAsync(_ => Task.FromResult(client), args, input, CancellationToken.None);

    /// <summary>Runs with <paramref name="rawOut"/> as the binary standard output.</summary>
    public static async Task<CliRun> WithRawOutAsync(ITransferClient client, Stream rawOut, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var context = new CliContext(output, error, ErrorIsTerminal: false, _ => Task.FromResult(client)) { OpenRawOut = () => rawOut };
        var exitCode = await XferCli.RunAsync(args, context, CancellationToken.None);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    public static Task<CliRun> InvokeAsync(
        Func<CancellationToken, Task<ITransferClient>> connect,
        CancellationToken cancellationToken,
        params string[] args) =>
        RunAsync(connect, args, input: "", cancellationToken);

    private static async Task<CliRun> RunAsync(
        Func<CancellationToken, Task<ITransferClient>> connect,
        string[] args,
        string input,
        CancellationToken cancellationToken)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var context = new CliContext(output, error, ErrorIsTerminal: false, connect) { In = new StringReader(input) };
        var exitCode = await XferCli.RunAsync(args, context, cancellationToken);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Out}\nstderr:\n{Error}";
}
