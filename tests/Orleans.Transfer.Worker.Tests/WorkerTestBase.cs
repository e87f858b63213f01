using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Transfer.TestOrigin;

namespace Orleans.Transfer.Worker.Tests;

/// <summary>A real origin on 127.0.0.1 and a scratch directory per test, plus helpers to run the worker.</summary>
public abstract class WorkerTestBase : IAsyncLifetime
{
    protected const int MiB = 1024 * 1024;
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    protected TestOrigin.TestOrigin Origin { get; private set; } = null!;

    protected string Scratch { get; } = Path.Combine(Path.GetTempPath(), "xfer-worker-tests", Guid.NewGuid().ToString("N"));

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Scratch);
        Origin = await TestOrigin.TestOrigin.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await Origin.DisposeAsync();
        Directory.Delete(Scratch, recursive: true);
    }

    protected static ServiceProvider CreateServices(Action<TransferWorkerOptions>? configure = null, TimeProvider? time = null)
    {
        var services = new ServiceCollection().AddLogging();
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        return services
            .AddTransferWorker(options =>
            {
                options.BufferSize = 256 * 1024;
                options.CheckpointBytes = 512 * 1024;
                options.RetryBaseDelay = TimeSpan.FromMilliseconds(1);
                configure?.Invoke(options);
            })
            .BuildServiceProvider();
    }

    protected FileTransferRequest Request(
        string remoteUrl,
        FileCheckpoint? checkpoint = null,
        IReadOnlyList<ByteRange>? ranges = null,
        string tempName = "file.tmp") =>
        new(Guid.NewGuid(), 0, remoteUrl, Path.Combine(Scratch, tempName), ranges ?? [], checkpoint ?? FileCheckpoint.Empty);

    /// <summary>Runs one request to the end and returns its events in order.</summary>
    protected static async Task<List<TransferEvent>> RunAsync(
        FileTransferRequest request,
        Action<TransferWorkerOptions>? configure = null,
        TimeProvider? time = null)
    {
        await using var services = CreateServices(configure, time);
        var run = services.GetRequiredService<ITransferWorker>().Start(request, CancellationToken.None);
        var events = await CollectAsync(run);
        await run.Completion.WaitAsync(s_timeout);
        return events;
    }

    protected static async Task<List<TransferEvent>> CollectAsync(TransferRun run)
    {
        var events = new List<TransferEvent>();
        using var timeout = new CancellationTokenSource(s_timeout);
        await foreach (var item in run.Events.ReadAllAsync(timeout.Token))
        {
            events.Add(item);
        }

        return events;
    }

    protected static TransferEvent AssertCompleted(List<TransferEvent> events)
    {
        var last = events[^1];
        Assert.True(last.Kind == TransferEventKind.Completed, $"Expected Completed, got {last.Kind}: {last.Failure?.Message}");
        Assert.Equal(last.Checkpoint.BytesTotal, last.Checkpoint.BytesWritten);
        return last;
    }

    protected static TransferFailure AssertFailed(List<TransferEvent> events)
    {
        var last = events[^1];
        Assert.Equal(TransferEventKind.Failed, last.Kind);
        return last.Failure!;
    }

    protected static string Sha256Of(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>Writes the first <paramref name="count"/> bytes of <paramref name="file"/> plus junk, like a crash would.</summary>
    protected static void WritePartial(string path, OriginFile file, int count, int junk = 100)
    {
        var bytes = file.Read(0, count).Concat(new byte[junk]).ToArray();
        File.WriteAllBytes(path, bytes);
    }
}
