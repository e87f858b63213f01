namespace Orleans.Transfer.Diagnostics;

/// <summary>What the yield controller of one interface does now, for the yield gauges of <see cref="TransferInstruments"/>.</summary>
/// <param name="Interface">The interface's name (the gauges' only tag).</param>
/// <param name="WindowBytes">The aggregate receive window of its background connections.</param>
/// <param name="RateBytesPerSecond">Their aggregate rate cap, 0 when uncapped.</param>
/// <param name="Yielding">True while they are held back.</param>
/// <param name="QueueDelay">The queueing delay measured, or null without a delay signal.</param>
public sealed record YieldLinkReading(string Interface, long WindowBytes, long RateBytesPerSecond, bool Yielding, TimeSpan? QueueDelay);
