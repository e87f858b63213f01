using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Tests.Diagnostics;

public sealed class TransferInstrumentsTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddTransferDiagnostics().BuildServiceProvider();
    private readonly MeterListener _listener = new();
    private readonly List<(string Instrument, long Value)> _measurements = [];

    public TransferInstrumentsTests()
    {
        var factory = _services.GetRequiredService<IMeterFactory>();

        // Only this test's meter: silos in the same process have their own, of the same name.
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Scope == factory)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => _measurements.Add((instrument.Name, value)));
        _listener.Start();
    }

    private TransferInstruments Instruments => _services.GetRequiredService<TransferInstruments>();

    public void Dispose()
    {
        _listener.Dispose();
        _services.Dispose();
    }

    [Fact]
    public void ActivatingAFinishedJob_MovesTheGauge_WithoutCountingItsOutcomeAgain()
    {
        Instruments.JobStateChanged(null, JobState.Error);

        Assert.Equal([("orleans-transfer-jobs", 1L)], _measurements);
    }

    [Fact]
    public void AMoveIntoError_CountsOneOutcome()
    {
        Instruments.JobStateChanged(JobState.Transferring, JobState.Error);

        Assert.Equal(1, _measurements.Count(m => m.Instrument == "orleans-transfer-job-outcomes"));
        Assert.Equal([-1L, 1L], _measurements.Where(m => m.Instrument == "orleans-transfer-jobs").Select(m => m.Value));
    }
}
