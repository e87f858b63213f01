namespace Orleans.Transfer.Worker.Tests.Yield;

/// <summary>The foreground flow of a <see cref="SimulatedLink"/>.</summary>
public enum SimulatedForeground
{
    /// <summary>No foreground traffic.</summary>
    None,

    /// <summary>A greedy loss-based sender: its window grows until the FIFO overflows, then shrinks to 70 %.</summary>
    Cubic,

    /// <summary>A greedy model-based sender that keeps about 6 ms of queue: a fixed window of C·(base + 6 ms).</summary>
    Bbr,

    /// <summary>An application-limited stream at a fixed rate.</summary>
    AppLimited,
}
