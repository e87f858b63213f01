using Microsoft.Extensions.DependencyInjection;

namespace Orleans.Transfer.Worker.Tests.Transports.Smb;

/// <summary>The worker with the smb transport on an in-memory share, and small buffers and checkpoints.</summary>
internal static class SmbServices
{
    public const int BufferSize = 256 * 1024;

    public static ServiceProvider Build(FakeSmbClient share, Action<TransferWorkerOptions>? configure = null) =>
        new ServiceCollection()
            .AddLogging()
            .AddSingleton<ISmbClient>(share)
            .AddTransferWorker(options =>
            {
                options.BufferSize = BufferSize;
                options.CheckpointBytes = 2 * BufferSize;
                options.RetryBaseDelay = TimeSpan.FromMilliseconds(1);
                configure?.Invoke(options);
            })
            .AddSmbTransport()
            .BuildServiceProvider();

    /// <summary>Runs one request to the end and returns its events in order.</summary>
    public static async Task<List<TransferEvent>> RunAsync(ServiceProvider services, FileTransferRequest request)
    {
        var run = services.GetRequiredService<ITransferWorker>().Start(request, CancellationToken.None);
        var events = new List<TransferEvent>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await foreach (var item in run.Events.ReadAllAsync(timeout.Token))
        {
            events.Add(item);
        }

        await run.Completion.WaitAsync(timeout.Token);
        return events;
    }

    public static byte[] Content(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
