
namespace Orleans.Transfer.Worker.Tests;

/// <summary>A stand-in for <see cref="YieldController"/>: records each sample and answers with <see cref="Next"/>.</summary>
internal sealed class RecordingLaw
{
    public List<YieldSample> Samples { get; } = [];

    public YieldDecision Next { get; set; } = Decide(window: 64 * 1024, rate: null, yielding: false);

    public YieldDecision Update(YieldSample sample)
    {
        Samples.Add(sample);
        return Next;
    }

    public static YieldDecision Decide(long window, long? rate, bool yielding) =>
        new(window, rate, yielding, ForegroundPresent: yielding, BaseDelay: null, QueueDelay: null, CapacityBytesPerSecond: 0, ForegroundBytesPerSecond: 0);
}
