using Orleans.Transfer.Client;

namespace Orleans.Transfer.Cli;

/// <summary>What commands need from their surroundings; tests supply their own writers and client.</summary>
/// <param name="Out">Data for scripts: ids, tables, JSON.</param>
/// <param name="Error">Messages and progress for people.</param>
/// <param name="ErrorIsTerminal">True when <paramref name="Error"/> is a terminal, so progress may redraw one line.</param>
/// <param name="ConnectAsync">Connects to the service; called only by commands that need it.</param>
internal sealed record CliContext(
    TextWriter Out,
    TextWriter Error,
    bool ErrorIsTerminal,
    Func<CancellationToken, Task<ITransferClient>> ConnectAsync)
{
    /// <summary>Standard input, from which commands read passwords; tests supply their own.</summary>
    public TextReader In { get; init; } = TextReader.Null;

    /// <summary>True when standard input is a terminal: passwords are then asked for and read without echo.</summary>
    public bool InputIsTerminal { get; init; }

    /// <summary>Opens standard output for raw bytes (<c>job reply</c>); tests supply their own stream.</summary>
    public Func<Stream> OpenRawOut { get; init; } = Console.OpenStandardOutput;

    /// <summary>The clock progress rates and ETAs are measured with; tests supply a fake one.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>
    /// Connects to the service's local API only when it already runs (null otherwise), so <c>service stop</c> never
    /// starts the service it is asked to stop. Without one, the service counts as not running.
    /// </summary>
    public Func<CancellationToken, Task<LocalApiTransferClient?>> ConnectIfRunningAsync { get; init; } =
        _ => Task.FromResult<LocalApiTransferClient?>(null);
}
