using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Transfer.Diagnostics;
using Orleans.Transfer.Testing.FakeTransport;

namespace Orleans.Transfer.Worker.Tests;

/// <summary>The pipeline's metrics and its one activity per run, seen through the fake transport.</summary>
public sealed class PipelineDiagnosticsTests : IDisposable
{
    private const int KiB = 1024;
    private readonly FakeRemote _remote = new();
    private readonly FakeReceiver _receiver = new();
    private readonly FakeWorker _fake;
    private readonly MeterListener _meters = new();
    private readonly ActivityListener _activities;
    private readonly ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)> _measurements = new();
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly Guid _jobId = Guid.NewGuid();

    public PipelineDiagnosticsTests()
    {
        _fake = new FakeWorker("xfer-diagnostics-", _remote, _receiver);

        // Only this provider's meter: other tests run their own workers in parallel.
        var factory = _fake.Services.GetRequiredService<IMeterFactory>();
        _meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Scope == factory)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _meters.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _meters.Start();
        _ = _fake.Services.GetRequiredService<TransferInstruments>();

        _activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == TransferActivities.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (Equals(activity.GetTagItem(TagNames.JobId), _jobId.ToString()))
                {
                    _stopped.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(_activities);
    }

    public void Dispose()
    {
        _activities.Dispose();
        _meters.Dispose();
        _fake.Dispose();
    }

    [Fact]
    public async Task CompletedRun_RecordsBytesPerWriteFlushLatencyAndACompletedActivity()
    {
        var file = _remote.Add("fake://origin/m.bin", 1024 * KiB, seed: 7);
        file.DropOnceAt(300 * KiB, quickRetry: true);

        await RunAsync("fake://origin/m.bin", fileIndex: 0);

        var bytes = Measurements("orleans-transfer-bytes");
        Assert.All(bytes, m =>
        {
            Assert.Equal("download", m.Tags[TagNames.Direction]);
            Assert.Equal("fake", m.Tags[TagNames.Transport]);
            Assert.Equal("normal", m.Tags[TagNames.Priority]);
        });
        Assert.InRange(bytes.Count, 2, 10);
        Assert.Equal(1024 * KiB, bytes.Sum(m => m.Value));
        var retry = Assert.Single(Measurements("orleans-transfer-retries"));
        Assert.Equal(nameof(TransferErrorCode.ConnectionReset), retry.Tags[TagNames.ErrorCode]);
        Assert.Equal("attempt", retry.Tags[TagNames.Scope]);
        Assert.NotEmpty(Measurements("orleans-transfer-checkpoint-duration"));
        var activity = Assert.Single(_stopped);
        Assert.Equal(TransferActivities.TransferAttempt, activity.OperationName);
        Assert.Equal("fake", activity.GetTagItem(TagNames.Transport));
        Assert.Equal("completed", activity.GetTagItem(TagNames.Outcome));
        Assert.Equal(ActivityStatusCode.Unset, activity.Status);
    }

    [Fact]
    public async Task UploadRun_TagsBytesAndActivityWithItsDirection()
    {
        var path = Path.Combine(_fake.Scratch, "up.bin");
        await File.WriteAllBytesAsync(path, new byte[300 * KiB]);

        await RunAsync("fake://origin/up.bin", fileIndex: 1, path, TransferDirection.Upload);

        var bytes = Measurements("orleans-transfer-bytes");
        Assert.Equal(300 * KiB, bytes.Sum(m => m.Value));
        Assert.All(bytes, m =>
        {
            Assert.Equal("upload", m.Tags[TagNames.Direction]);
            Assert.Equal("fake-upload", m.Tags[TagNames.Transport]);
        });
        var activity = Assert.Single(_stopped);
        Assert.Equal("upload", activity.GetTagItem(TagNames.Direction));
        Assert.Equal("fake-upload", activity.GetTagItem(TagNames.Transport));
        Assert.Equal("completed", activity.GetTagItem(TagNames.Outcome));
    }

    [Fact]
    public async Task FailedRun_EndsItsActivityWithErrorStatusAndCode()
    {
        await RunAsync("fake://origin/missing.bin", fileIndex: 3);

        var activity = Assert.Single(_stopped);
        Assert.Equal(3, activity.GetTagItem(TagNames.FileIndex));
        Assert.Equal("failed", activity.GetTagItem(TagNames.Outcome));
        Assert.Equal(nameof(TransferErrorCode.SourceNotFound), activity.GetTagItem(TagNames.ErrorCode));
        Assert.Equal(ActivityStatusCode.Error, activity.Status);
    }

    [Fact]
    public async Task RunsStartedUnderOneLongLivedActivity_AreEachTheRootOfTheirOwnTrace_LinkedToIt()
    {
        _remote.Add("fake://origin/a.bin", 64 * KiB, seed: 1);
        _remote.Add("fake://origin/b.bin", 64 * KiB, seed: 2);

        // Stands for whatever is current when a job's run loop starts a file: a grain call, a reminder tick.
        using (var job = new Activity("job-lifetime").Start())
        {
            await RunAsync("fake://origin/a.bin", fileIndex: 0);
            await RunAsync("fake://origin/b.bin", fileIndex: 1);
            Assert.Same(job, Activity.Current);

            var attempts = _stopped.ToArray();
            Assert.Equal(2, attempts.Length);
            Assert.All(attempts, attempt =>
            {
                Assert.Null(attempt.Parent);
                Assert.Equal(default, attempt.ParentSpanId);
                Assert.NotEqual(job.TraceId, attempt.TraceId);
                Assert.Equal(job.Context, Assert.Single(attempt.Links).Context);
            });
            Assert.NotEqual(attempts[0].TraceId, attempts[1].TraceId);
        }
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>();
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value;
        }

        _measurements.Enqueue((instrument.Name, value, copy));
    }

    private List<(string Instrument, double Value, Dictionary<string, object?> Tags)> Measurements(string instrument) =>
        [.. _measurements.Where(m => m.Instrument == instrument)];

    private async Task RunAsync(
        string url, int fileIndex, string? localPath = null, TransferDirection direction = TransferDirection.Download)
    {
        var request = new FileTransferRequest(
            _jobId, fileIndex, url, localPath ?? Path.Combine(_fake.Scratch, $"{fileIndex}.tmp"), [], FileCheckpoint.Empty, Direction: direction);
        await TestWorker.RunAsync(_fake.Worker, request);
    }
}
