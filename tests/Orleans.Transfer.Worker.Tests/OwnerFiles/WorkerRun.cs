using Microsoft.Extensions.DependencyInjection;

namespace Orleans.Transfer.Worker.Tests.OwnerFiles;

/// <summary>Runs one request through the real worker and collects its events.</summary>
internal static class WorkerRun
{
    public static async Task<List<TransferEvent>> RunAsync(FileTransferRequest request, CancellationToken cancellationToken = default)
    {
        // The worker's own options, not the tests' small buffers: the owner's rights do not depend on them.
        await using var services = new ServiceCollection().AddLogging().AddTransferWorker().BuildServiceProvider();
        return await TestWorker.RunAsync(services.GetRequiredService<ITransferWorker>(), request, cancellationToken);
    }
}
