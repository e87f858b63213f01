using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;
using Polly;
using Polly.Retry;

namespace Orleans.Transfer.Worker;

/// <summary>
/// The quick retries inside one run: a <see cref="TransientNetworkException"/> is retried after a short back-off,
/// resuming from the bytes written, until the <see cref="RetryBudget"/> of failures without progress is spent.
/// </summary>
internal sealed partial class AttemptRetry
{
    private const string Scope = "attempt";

    private readonly TransferSession _session;
    private readonly RetryBudget _budget;
    private readonly TransferInstruments _instruments;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline _pipeline;

    public AttemptRetry(TransferSession session, TransferWorkerOptions options, TransferInstruments instruments, ILogger logger)
    {
        _session = session;
        _budget = session.RetryBudget;
        _instruments = instruments;
        _logger = logger;
        _pipeline = options.RetryCount == 0 ? ResiliencePipeline.Empty : Build(session.Time);
    }

    /// <summary>Runs <paramref name="attempt"/>, again after each retried failure.</summary>
    public ValueTask ExecuteAsync(Func<CancellationToken, ValueTask> attempt, CancellationToken cancellationToken) =>
        _pipeline.ExecuteAsync(attempt, cancellationToken);

    private ResiliencePipeline Build(TimeProvider time) =>
        new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is TransientNetworkException && _budget.TryCountFailure(_session.Position)),
                MaxRetryAttempts = int.MaxValue,
                DelayGenerator = _ => ValueTask.FromResult<TimeSpan?>(_budget.Backoff(0.5 + Random.Shared.NextDouble())),
                OnRetry = args =>
                {
                    if (args.Outcome.Exception is TransientNetworkException network)
                    {
                        _instruments.Retry(network.Failure.Code, Scope);
                    }

                    LogRetrying(
                        _logger,
                        _session.JobId,
                        _session.FileIndex,
                        _session.Position,
                        _budget.FailuresWithoutProgress,
                        args.RetryDelay,
                        args.Outcome.Exception?.Message ?? "no response");
                    return default;
                },
            })
            .Build();
}
