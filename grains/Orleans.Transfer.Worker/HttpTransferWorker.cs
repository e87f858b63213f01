using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Orleans.Transfer.Worker;

/// <summary>
/// Downloads files over HTTP(S), or copies them from file URLs and absolute paths, into the request's temp file with
/// checkpoint/resume semantics. Register with <see cref="TransferWorkerServiceCollectionExtensions.AddTransferWorker"/>.
/// </summary>
public sealed class HttpTransferWorker : ITransferWorker
{
    internal const string HttpClientName = "Orleans.Transfer.Worker";

    // Checkpoints come at most every few MiB or seconds, so a few slots let the download run ahead of a busy grain
    // without unbounded memory; when full, the download waits for the grain.
    private const int EventCapacity = 16;

    private readonly IHttpClientFactory _httpClientFactory;
    private readonly TransferWorkerOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<HttpTransferWorker> _logger;

    /// <summary>Creates the worker; use <see cref="TransferWorkerServiceCollectionExtensions.AddTransferWorker"/>.</summary>
    public HttpTransferWorker(
        IHttpClientFactory httpClientFactory,
        IOptions<TransferWorkerOptions> options,
        TimeProvider timeProvider,
        ILogger<HttpTransferWorker> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _httpClientFactory = httpClientFactory;
        _options = options.Value;
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
        var download = new FileDownload(
            request,
            channel.Writer,
            _httpClientFactory.CreateClient(HttpClientName),
            _options,
            _timeProvider,
            _logger);
        var completion = Task.Run(() => download.RunAsync(cancellationToken), CancellationToken.None);
        return new TransferRun(channel.Reader, completion, () => download.LiveBytes);
    }
}
