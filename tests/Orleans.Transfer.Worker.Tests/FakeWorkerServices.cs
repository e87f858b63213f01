using Microsoft.Extensions.DependencyInjection;
using Orleans.Transfer.Testing.FakeTransport;

namespace Orleans.Transfer.Worker.Tests;

/// <summary>
/// The worker with the fake transports, as the fake-transport tests use it: buffers and checkpoints small enough that a
/// few hundred KiB make several of each, and quick retries without a wait.
/// </summary>
internal static class FakeWorkerServices
{
    public const int BufferSize = 256 * 1024;

    public const int CheckpointBytes = 512 * 1024;

    /// <summary>Builds the provider; <paramref name="receiver"/>, when given, also registers the fake upload transport.</summary>
    public static ServiceProvider Build(FakeRemote remote, FakeReceiver? receiver = null)
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddTransferWorker(options =>
            {
                options.BufferSize = BufferSize;
                options.CheckpointBytes = CheckpointBytes;
                options.RetryBaseDelay = TimeSpan.FromMilliseconds(1);
            })
            .AddFakeTransport(remote);
        if (receiver is not null)
        {
            services.AddFakeUploadTransport(receiver);
        }

        return services.BuildServiceProvider();
    }
}
