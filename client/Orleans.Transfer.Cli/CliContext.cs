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
    /// <summary>The clock progress rates and ETAs are measured with; tests supply a fake one.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
