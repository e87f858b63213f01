using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;
using Polly;
using Polly.Retry;

namespace Orleans.Transfer.Worker;

/// <summary>
/// The quick retries inside one run: a <see cref="TransientNetworkException"/> is retried after a short back-off,
/// resuming from the bytes written, until the <see cref="RetryBudget"/> of failures without progress is spent. The
/// Polly pipeline is the worker's, built once (<see cref="Build"/>); each execution finds its run through its context.
/// </summary>
internal sealed partial class AttemptRetry
{
    private const string Scope = "attempt";

    private static readonly ResiliencePropertyKey<AttemptRetry> s_run = new("Orleans.Transfer.AttemptRetry");

    private readonly TransferSession _session;
    private readonly RetryBudget _budget;
    private readonly TransferInstruments _instruments;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline _pipeline;

    public AttemptRetry(TransferSession session, ResiliencePipeline pipeline, TransferInstruments instruments, ILogger logger)
    {
        _session = session;
        _budget = session.RetryBudget;
        _instruments = instruments;
        _logger = logger;
        _pipeline = pipeline;
    }

    /// <summary>
    /// The worker's retry pipeline, shared by every run: building one per file (its options validated, its strategy and
    /// telemetry made) was a per-file cost of every small file (docs/benchmarks.md, "small: one job, per-file
    /// hand-offs"). Without quick retries (<see cref="TransferWorkerOptions.RetryCount"/> 0) it is the empty pipeline.
    /// </summary>
    public static ResiliencePipeline Build(TransferWorkerOptions options, TimeProvider time) =>
        options.RetryCount == 0
            ? ResiliencePipeline.Empty
            : new ResiliencePipelineBuilder { TimeProvider = time }
                .AddRetry(new RetryStrategyOptions
                {
                    ShouldHandle = args => ValueTask.FromResult(
                        args.Outcome.Exception is TransientNetworkException && Of(args.Context).CountFailure()),
                    MaxRetryAttempts = int.MaxValue,
                    DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(Of(args.Context)._budget.Backoff(0.5 + Random.Shared.NextDouble())),
                    OnRetry = args =>
                    {
                        Of(args.Context).Retrying(args.Outcome.Exception, args.RetryDelay);
                        return default;
                    },
                })
                .Build();

    /// <summary>Runs <paramref name="attempt"/>, again after each retried failure.</summary>
    public async ValueTask ExecuteAsync(Func<CancellationToken, ValueTask> attempt, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(s_run, this);
        try
        {
            await _pipeline.ExecuteAsync(static (running, run) => run(running.CancellationToken), context, attempt)
                .ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private static AttemptRetry Of(ResilienceContext context) =>
        context.Properties.TryGetValue(s_run, out var run)
            ? run
            : throw new InvalidOperationException("The retry pipeline ran without its run.");

    private bool CountFailure() => _budget.TryCountFailure(_session.Position);

    private void Retrying(Exception? exception, TimeSpan delay)
    {
        if (exception is TransientNetworkException network)
        {
            _instruments.Retry(network.Failure.Code, Scope);
        }

        LogRetrying(
            _logger,
            _session.JobId,
            _session.FileIndex,
            _session.Position,
            _budget.FailuresWithoutProgress,
            delay,
            exception?.Message ?? "no response");
    }
}
