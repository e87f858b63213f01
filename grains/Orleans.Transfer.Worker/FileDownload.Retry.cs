using Polly;
using Polly.Retry;

namespace Orleans.Transfer.Worker;

internal sealed partial class FileDownload
{
    // Less than this between two failures is not progress: a server that drops after a few bytes every time must
    // still exhaust the quick retries.
    private const long MinProgressBytes = 64 * 1024;

    private ResiliencePipeline BuildRetryPipeline()
    {
        if (_options.RetryCount == 0)
        {
            return ResiliencePipeline.Empty;
        }

        return new ResiliencePipelineBuilder { TimeProvider = _time }
            .AddRetry(new RetryStrategyOptions
            {
                // The budget counts failures in a row without progress, so a link that drops every few MiB but keeps
                // moving never exhausts it, while a dead one still gives up after RetryCount quick retries.
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is TransientNetworkException && CountFailure()),
                MaxRetryAttempts = int.MaxValue,
                DelayGenerator = _ => ValueTask.FromResult<TimeSpan?>(Backoff()),
                OnRetry = args =>
                {
                    LogRetrying(
                        _logger,
                        _request.JobId,
                        _request.FileIndex,
                        _position,
                        _failuresWithoutProgress,
                        args.RetryDelay,
                        args.Outcome.Exception?.Message ?? "no response");
                    return default;
                },
            })
            .Build();
    }

    private bool CountFailure()
    {
        _failuresWithoutProgress = _position - _positionAtFailure >= MinProgressBytes ? 1 : _failuresWithoutProgress + 1;
        _positionAtFailure = _position;
        return _failuresWithoutProgress <= _options.RetryCount;
    }

    /// <summary>Exponential from <see cref="TransferWorkerOptions.RetryBaseDelay"/> per failure without progress, ±50% jitter.</summary>
    private TimeSpan Backoff()
    {
        var exponent = Math.Min(_failuresWithoutProgress - 1, 10);
        return _options.RetryBaseDelay * (Math.Pow(2, exponent) * (0.5 + Random.Shared.NextDouble()));
    }
}
