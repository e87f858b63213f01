namespace Orleans.Transfer.Worker;

/// <summary>
/// The scavenger controller of one interface (rLEDBAT, RFC 9840, with LEDBAT++'s window law, plus the local
/// foreground rate cap): a plain class, fed one <see cref="YieldSample"/> per tick, that owns its state.
/// </summary>
internal sealed class YieldController(YieldOptions options)
{
    private readonly YieldOptions _options = options;

    /// <summary>The decision after <paramref name="sample"/>; called once per tick, from one thread at a time.</summary>
    public YieldDecision Update(YieldSample sample) => throw new NotImplementedException(_options.ToString());
}
