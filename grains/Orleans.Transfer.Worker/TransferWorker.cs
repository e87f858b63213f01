using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Transfer.Diagnostics;
using Orleans.Transfer.Worker.OwnerFiles;

namespace Orleans.Transfer.Worker;

/// <summary>
/// Runs each file through a <see cref="TransferPipeline"/> on the thread pool with the transport that the
/// <see cref="ITransportRegistry"/> names for its remote URL and direction (HTTP(S), file URLs and absolute paths
/// downloads by default): a download into the request's temp file, an upload from its local file, with
/// checkpoint/resume semantics, paced by the silo's bandwidth policy, stopping when the network is lost. Files of one job may run at once; they share the job's bandwidth cap. Register with
/// <see cref="TransferWorkerServiceCollectionExtensions.AddTransferWorker"/>.
/// </summary>
public sealed class TransferWorker : ITransferWorker
{
    // Checkpoints come at most every few MiB or seconds, so a few slots let the transfer run ahead of a busy grain
    // without unbounded memory; when full, the transfer waits for the grain.
    private const int EventCapacity = 16;

    private readonly TransportRegistry _transports;
    private readonly IOwnerFileSystem _files;
    private readonly TransferWorkerOptions _options;
    private readonly BandwidthController _bandwidth;
    private readonly INetworkMonitor _network;
    private readonly TimeProvider _timeProvider;
    private readonly TransferInstruments _instruments;
    private readonly ILogger<TransferWorker> _logger;
    private readonly YieldRegistry? _yield;
    private readonly FileFlusher? _flusher;

    internal TransferWorker(
        TransportRegistry transports,
        IOwnerFileSystem files,
        IOptions<TransferWorkerOptions> options,
        BandwidthController bandwidth,
        INetworkMonitor network,
        TimeProvider timeProvider,
        TransferInstruments instruments,
        ILogger<TransferWorker> logger,
        YieldRegistry? yield = null,
        FileFlusher? flusher = null)
    {
        _transports = transports;
        _files = files;
        _options = options.Value;
        _bandwidth = bandwidth;
        _network = network;
        _timeProvider = timeProvider;
        _instruments = instruments;
        _logger = logger;
        _yield = yield;
        _flusher = flusher;
    }

    /// <inheritdoc />
    public TransferRun Start(FileTransferRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var channel = Channel.CreateBounded<TransferEvent>(new BoundedChannelOptions(EventCapacity)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        var throttle = _bandwidth.Register(request.JobId, request.Priority, request.MaxBytesPerSecond);
        var pipeline = new TransferPipeline(
            request,
            channel.Writer,
            _transports,
            _files,
            _options,
            throttle,
            _network,
            _timeProvider,
            _instruments,
            _logger,
            _flusher);
        var completion = Task.Run(
            async () =>
            {
                // The job's reads on yield-controlled connections are attributed to it through this scope.
                using (YieldScope.Enter(request.JobId))
                using (throttle)
                {
                    await pipeline.RunAsync(cancellationToken).ConfigureAwait(false);
                }
            },
            CancellationToken.None);
        var yieldRegistry = _yield;
        return new TransferRun(
            channel.Reader,
            completion,
            () => pipeline.LiveBytes,
            yieldRegistry is null ? null : () => yieldRegistry.StatusFor(request.JobId));
    }

    /// <inheritdoc />
    public void UpdateJob(Guid jobId, JobPriority priority, long? maxBytesPerSecond) =>
        _bandwidth.UpdateJob(jobId, priority, maxBytesPerSecond);
}
