using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Uploads.Tests;

public sealed class MetricsTests
{
    [Fact]
    public async Task Upload_CountsSessionsAndBytes()
    {
        await using var server = await UploadServer.StartAsync();
        var factory = server.Services.GetRequiredService<IMeterFactory>();
        var bytes = 0L;
        var sessions = new Dictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            // Only this server's meter: other tests run their own servers at the same time.
            if (instrument.Meter.Name == TransferInstruments.MeterName && ReferenceEquals(instrument.Meter.Scope, factory))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            lock (sessions)
            {
                if (instrument.Name == "orleans-transfer-upload-server-bytes")
                {
                    bytes += value;
                }
                else if (instrument.Name == "orleans-transfer-upload-server-sessions")
                {
                    var outcome = (string)tags[0].Value!;
                    sessions[outcome] = sessions.GetValueOrDefault(outcome) + value;
                }
            }
        });
        listener.Start();

        var (_, last) = await server.Client.UploadAsync("/uploads/a.bin", Bits.RandomFile(10_000), 4096);
        last.Dispose();

        lock (sessions)
        {
            Assert.Equal(10_000, bytes);
            Assert.Equal(1, sessions["created"]);
            Assert.Equal(1, sessions["committed"]);
        }
    }
}
