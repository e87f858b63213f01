using Microsoft.Extensions.DependencyInjection;

namespace Orleans.Transfer.Worker.Tests.OwnerFiles;

/// <summary>Runs one request through the real worker and collects its events.</summary>
internal static class WorkerRun
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    public static async Task<List<TransferEvent>> RunAsync(FileTransferRequest request, CancellationToken cancellationToken = default)
    {
        await using var services = new ServiceCollection().AddLogging().AddTransferWorker().BuildServiceProvider();
        var run = services.GetRequiredService<ITransferWorker>().Start(request, cancellationToken);
        var events = new List<TransferEvent>();
        using var timeout = new CancellationTokenSource(s_timeout);
        await foreach (var item in run.Events.ReadAllAsync(timeout.Token))
        {
            events.Add(item);
        }

        await run.Completion.WaitAsync(s_timeout, CancellationToken.None);
        return events;
    }
}
