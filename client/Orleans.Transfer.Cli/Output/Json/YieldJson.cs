using Orleans.Transfer.Yield;

namespace Orleans.Transfer.Cli.Output.Json;

/// <summary>
/// How a running background job yields to foreground traffic, in JSON; <see cref="RateBytesPerSecond"/> is null when no
/// rate cap applies.
/// </summary>
internal sealed record YieldJson(bool Yielding, long WindowBytes, long? RateBytesPerSecond, string Interface, string DelaySignal)
{
    public static YieldJson From(JobYieldInfo status) =>
        new(status.Yielding, status.WindowBytes, status.RateBytesPerSecond, status.Interface, status.DelaySignal);
}
