using Xunit.Abstractions;

namespace Orleans.Transfer.Chaos;

/// <summary>A class fixture only because xunit hands the diagnostic <see cref="IMessageSink"/> to fixtures, not to tests.</summary>
public sealed class ChaosLogSink(IMessageSink sink)
{
    public IMessageSink Sink { get; } = sink;
}
