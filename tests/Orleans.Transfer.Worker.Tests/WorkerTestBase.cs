using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Transfer.TestOrigin;

namespace Orleans.Transfer.Worker.Tests;

/// <summary>A real origin on 127.0.0.1 and a scratch directory per test, plus helpers to run the worker.</summary>
public abstract class WorkerTestBase : IAsyncLifetime
{
    protected const int MiB = 1024 * 1024;

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

    /// <param name="configure">The worker's options, over the tests' own.</param>
    /// <param name="time">The clock, when not the system's.</param>
    /// <param name="register">Services registered before the worker's, which take their place (a network probe, say).</param>
    protected static ServiceProvider CreateServices(
        Action<TransferWorkerOptions>? configure = null,
        TimeProvider? time = null,
        Action<IServiceCollection>? register = null)
    {
        var services = new ServiceCollection().AddLogging();
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        register?.Invoke(services);
        return services.AddTestTransferWorker(configure).BuildServiceProvider();
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
        TimeProvider? time = null,
        Action<IServiceCollection>? register = null)
    {
        await using var services = CreateServices(configure, time, register);
        return await TestWorker.RunAsync(services.GetRequiredService<ITransferWorker>(), request);
    }

    protected static Task<List<TransferEvent>> CollectAsync(TransferRun run) => TestWorker.CollectAsync(run);

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
