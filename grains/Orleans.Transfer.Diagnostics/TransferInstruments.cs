using System.Diagnostics.Metrics;

namespace Orleans.Transfer.Diagnostics;

/// <summary>
/// The service's one <see cref="Meter"/>, <c>Orleans.Transfer</c>: OpenTelemetry exports it with
/// <c>AddMeter(TransferInstruments.MeterName)</c>. Tags are low-cardinality on purpose: no job, owner or URL.
/// </summary>
public sealed class TransferInstruments
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "Orleans.Transfer";

    private readonly Counter<long> _bytes;
    private readonly UpDownCounter<long> _jobs;
    private readonly Counter<long> _outcomes;
    private readonly Counter<long> _retries;
    private readonly Histogram<double> _checkpointLatency;
    private readonly Counter<long> _uploadBytes;
    private readonly Counter<long> _uploadSessions;
    private Func<IReadOnlyList<YieldLinkReading>> _yieldReadings = static () => [];
    private Func<int> _flushesWaiting = static () => 0;

    public TransferInstruments(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _bytes = meter.CreateCounter<long>(
            "orleans-transfer-bytes", "By", "Bytes moved by transfers, by direction, transport and priority.");
        _jobs = meter.CreateUpDownCounter<long>(
            "orleans-transfer-jobs", "{job}", "Jobs held by this silo's activations, by state.");
        _outcomes = meter.CreateCounter<long>(
            "orleans-transfer-job-outcomes", "{job}", "Jobs that reached Transferred, Error, Acknowledged or Cancelled.");
        _retries = meter.CreateCounter<long>(
            "orleans-transfer-retries", "{retry}", "Transfer failures that will be retried, by error code and by who retries.");
        _checkpointLatency = meter.CreateHistogram<double>(
            "orleans-transfer-checkpoint-duration", "ms", "Time to flush a temp file to disk for a checkpoint.");
        _uploadBytes = meter.CreateCounter<long>(
            "orleans-transfer-upload-server-bytes", "By", "Bytes the BITS upload server received, written and flushed.");
        _uploadSessions = meter.CreateCounter<long>(
            "orleans-transfer-upload-server-sessions", "{session}", "BITS upload sessions created, committed and expired, by outcome.");
        meter.CreateObservableGauge(
            "orleans-transfer-yield-window",
            () => YieldMeasurements(r => r.WindowBytes),
            "By",
            "Receive window of the yield-controlled background connections, per interface.");
        meter.CreateObservableGauge(
            "orleans-transfer-yield-rate",
            () => YieldMeasurements(r => r.RateBytesPerSecond),
            "By/s",
            "Rate cap of the yield-controlled background connections, per interface; 0 when uncapped.");
        meter.CreateObservableGauge(
            "orleans-transfer-yield-yielding",
            () => YieldMeasurements(r => r.Yielding ? 1 : 0),
            "{yielding}",
            "1 while background connections on the interface yield to foreground traffic, else 0.");
        meter.CreateObservableGauge(
            "orleans-transfer-yield-queue-delay",
            () => _yieldReadings()
                .Where(r => r.QueueDelay is not null)
                .Select(r => new Measurement<double>(r.QueueDelay!.Value.TotalMilliseconds, InterfaceTag(r))),
            "ms",
            "Queueing delay the yield controller measures, per interface (absent without a delay signal).");
        meter.CreateObservableGauge(
            "orleans-transfer-flush-waiting",
            () => _flushesWaiting(),
            "{flush}",
            "Finished files' fsyncs handed to the file flusher and not yet started; more than a moment means the disk is the bottleneck.");
    }

    /// <summary>Sets where the yield gauges read from: one reading per interface with controlled connections.</summary>
    public void ObserveYield(Func<IReadOnlyList<YieldLinkReading>> readings)
    {
        ArgumentNullException.ThrowIfNull(readings);
        _yieldReadings = readings;
    }

    /// <summary>Sets where the flush gauge reads from: the file flusher's queue.</summary>
    public void ObserveFlushQueue(Func<int> waiting)
    {
        ArgumentNullException.ThrowIfNull(waiting);
        _flushesWaiting = waiting;
    }

    public void BytesTransferred(long bytes, TransferDirection direction, string transport, JobPriority priority) =>
        _bytes.Add(
            bytes,
            new KeyValuePair<string, object?>(TagNames.Direction, DirectionName(direction)),
            new KeyValuePair<string, object?>(TagNames.Transport, transport),
            new KeyValuePair<string, object?>(TagNames.Priority, PriorityName(priority)));

    /// <summary>
    /// Moves one job from one state's count to another's; pass null for a job arriving (created or activated) or
    /// leaving (deactivated). Only a real move into a final or settled state counts as an outcome, so activating a
    /// finished job does not count it again.
    /// </summary>
    public void JobStateChanged(JobState? from, JobState? to)
    {
        if (from is { } previous)
        {
            _jobs.Add(-1, new KeyValuePair<string, object?>(TagNames.State, StateName(previous)));
        }

        if (to is { } next)
        {
            _jobs.Add(1, new KeyValuePair<string, object?>(TagNames.State, StateName(next)));
        }

        if (from is not null && to is JobState.Transferred or JobState.Error or JobState.Acknowledged or JobState.Cancelled)
        {
            _outcomes.Add(1, new KeyValuePair<string, object?>(TagNames.Outcome, StateName(to.Value)));
        }
    }

    /// <param name="code">The failure's code.</param>
    /// <param name="scope"><c>attempt</c> for the worker's quick retries, <c>job</c> for TransientError retries.</param>
    public void Retry(TransferErrorCode code, string scope) =>
        _retries.Add(
            1,
            new KeyValuePair<string, object?>(TagNames.ErrorCode, code.ToString()),
            new KeyValuePair<string, object?>(TagNames.Scope, scope));

    public void CheckpointFlushed(TimeSpan duration) => _checkpointLatency.Record(duration.TotalMilliseconds);

    /// <summary>The BITS upload server wrote and flushed <paramref name="bytes"/> new bytes of an upload.</summary>
    public void UploadBytesReceived(long bytes) => _uploadBytes.Add(bytes);

    /// <summary>A BITS upload session was created.</summary>
    public void UploadSessionCreated() => _uploadSessions.Add(1, new KeyValuePair<string, object?>(TagNames.Outcome, "created"));

    /// <summary>A BITS upload reached its last byte and was committed (moved into place, or handed to the application).</summary>
    public void UploadSessionCommitted() => _uploadSessions.Add(1, new KeyValuePair<string, object?>(TagNames.Outcome, "committed"));

    /// <summary>A BITS upload session timed out and was deleted with its files.</summary>
    public void UploadSessionExpired() => _uploadSessions.Add(1, new KeyValuePair<string, object?>(TagNames.Outcome, "expired"));

    private IEnumerable<Measurement<long>> YieldMeasurements(Func<YieldLinkReading, long> value) =>
        _yieldReadings().Select(r => new Measurement<long>(value(r), InterfaceTag(r)));

    private static KeyValuePair<string, object?> InterfaceTag(YieldLinkReading reading) => new(TagNames.Interface, reading.Interface);

    private static string DirectionName(TransferDirection direction) =>
        direction == TransferDirection.Upload ? "upload" : "download";

    private static string PriorityName(JobPriority priority) => priority switch
    {
        JobPriority.Foreground => "foreground",
        JobPriority.High => "high",
        JobPriority.Normal => "normal",
        _ => "low",
    };

    private static string StateName(JobState state) => state.ToString();
}
