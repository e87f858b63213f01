using Microsoft.Extensions.DependencyInjection;

namespace Orleans.Transfer.Worker.Tests;

/// <summary>
/// The worker as its tests build and run it: buffers and checkpoints small enough that a few hundred KiB make several
/// of each, quick retries without a wait, and every run bounded in time.
/// </summary>
internal static class TestWorker
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    /// <summary>Registers the worker with the tests' options, then those of <paramref name="configure"/>.</summary>
    public static IServiceCollection AddTestTransferWorker(this IServiceCollection services, Action<TransferWorkerOptions>? configure = null) =>
        services.AddTransferWorker(options =>
        {
            options.BufferSize = 256 * 1024;
            options.CheckpointBytes = 512 * 1024;
            options.RetryBaseDelay = TimeSpan.FromMilliseconds(1);
            configure?.Invoke(options);
        });

    /// <summary>Starts <paramref name="request"/> on <paramref name="worker"/>, runs it to the end and returns its events in order.</summary>
    public static async Task<List<TransferEvent>> RunAsync(
        ITransferWorker worker,
        FileTransferRequest request,
        CancellationToken cancellationToken = default)
    {
        var run = worker.Start(request, cancellationToken);
        var events = await CollectAsync(run);
        await run.Completion.WaitAsync(s_timeout, CancellationToken.None);
        return events;
    }

    /// <summary>The run's events in order, until it closes their channel.</summary>
    public static async Task<List<TransferEvent>> CollectAsync(TransferRun run)
    {
        var events = new List<TransferEvent>();
        using var timeout = new CancellationTokenSource(s_timeout);
        await foreach (var item in run.Events.ReadAllAsync(timeout.Token))
        {
            events.Add(item);
        }

        return events;
    }
}
