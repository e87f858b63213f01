using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Orleans.Transfer.Worker;

/// <summary>
/// Downloads files over HTTP(S), or copies them from file URLs and absolute paths, into the request's temp file with
/// checkpoint/resume semantics, paced by the silo's bandwidth policy, stopping when the network is lost. Register with
/// <see cref="TransferWorkerServiceCollectionExtensions.AddTransferWorker"/>.
/// </summary>
public sealed class HttpTransferWorker : ITransferWorker
{
    internal const string HttpClientName = "Orleans.Transfer.Worker";

    // Checkpoints come at most every few MiB or seconds, so a few slots let the download run ahead of a busy grain
    // without unbounded memory; when full, the download waits for the grain.
    private const int EventCapacity = 16;

    private readonly IHttpClientFactory _httpClientFactory;
    private readonly TransferWorkerOptions _options;
    private readonly BandwidthController _bandwidth;
    private readonly INetworkMonitor _network;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<HttpTransferWorker> _logger;

    internal HttpTransferWorker(
        IHttpClientFactory httpClientFactory,
        IOptions<TransferWorkerOptions> options,
        BandwidthController bandwidth,
        INetworkMonitor network,
        TimeProvider timeProvider,
        ILogger<HttpTransferWorker> logger)
    {
        _httpClientFactory = httpClientFactory;
        _options = options.Value;
        _bandwidth = bandwidth;
        _network = network;
        _timeProvider = timeProvider;
        _logger = logger;
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
        var download = new FileDownload(
            request,
            channel.Writer,
            _httpClientFactory.CreateClient(HttpClientName),
            _options,
            throttle,
            _network,
            _timeProvider,
            _logger);
        var completion = Task.Run(
            async () =>
            {
                using (throttle)
                {
                    await download.RunAsync(cancellationToken).ConfigureAwait(false);
                }
            },
            CancellationToken.None);
        return new TransferRun(channel.Reader, completion, () => download.LiveBytes);
    }

    /// <inheritdoc />
    public void UpdateJob(Guid jobId, JobPriority priority, long? maxBytesPerSecond) =>
        _bandwidth.UpdateJob(jobId, priority, maxBytesPerSecond);
}
