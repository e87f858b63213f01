using Microsoft.Extensions.DependencyInjection;
using Orleans.Transfer.Diagnostics;
using Orleans.Transfer.Worker.Tests.Transports.Http.Requests;

namespace Orleans.Transfer.Worker.Tests.Transports.BitsUpload;

/// <summary>
/// Runs uploads through the real worker (pipeline, FileSource, the bits-upload transport and the HTTP handler pool)
/// against <see cref="BitsTestServer"/>s on 127.0.0.1, one scratch directory per test.
/// </summary>
public abstract class BitsUploadTestBase : IAsyncLifetime
{
    protected const int KiB = 1024;
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);
    private readonly List<ScriptedServer> _servers = [];

    protected string Scratch { get; } = Directory.CreateTempSubdirectory("xfer-bits-upload-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }

        Directory.Delete(Scratch, recursive: true);
    }

    private protected async Task<(BitsTestServer Bits, Uri Url)> StartServerAsync(string path = "uploads/a.bin")
    {
        var bits = new BitsTestServer();
        var server = await ScriptedServer.StartAsync(bits.HandleAsync);
        _servers.Add(server);
        return (bits, server.Url(path));
    }

    protected (string Path, byte[] Content) WriteLocal(string name, int length)
    {
        var path = Path.Combine(Scratch, name);
        var content = new byte[length];
        new Random(length).NextBytes(content);
        File.WriteAllBytes(path, content);
        return (path, content);
    }

    private protected static FileTransferRequest Upload(Uri url, string path, FileCheckpoint? checkpoint = null, bool expectReply = false) =>
        new(Guid.NewGuid(), 0, url.ToString(), path, [], checkpoint ?? FileCheckpoint.Empty, Direction: TransferDirection.Upload, ExpectReply: expectReply);

    private protected static ServiceProvider Services(
        Action<BitsUploadOptions>? bits = null, TimeProvider? time = null, int retryCount = 3, Action<TransferWorkerOptions>? worker = null)
    {
        var services = new ServiceCollection().AddLogging();
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        services.AddTransferWorker(options =>
        {
            options.BufferSize = 256 * KiB;
            options.CheckpointBytes = 512 * KiB;
            options.RetryBaseDelay = TimeSpan.FromMilliseconds(1);
            options.RetryCount = retryCount;
            worker?.Invoke(options);
        });
        services.Configure<BitsUploadOptions>(options =>
        {
            options.CloseRetryDelay = TimeSpan.FromMilliseconds(1);
            options.CancelRetryBaseDelay = TimeSpan.FromMilliseconds(1);
            bits?.Invoke(options);
        });
        return services.BuildServiceProvider();
    }

    private protected static async Task<List<TransferEvent>> RunAsync(
        FileTransferRequest request,
        Action<BitsUploadOptions>? bits = null,
        TimeProvider? time = null,
        int retryCount = 3,
        Action<TransferWorkerOptions>? worker = null)
    {
        await using var services = Services(bits, time, retryCount, worker);
        var run = services.GetRequiredService<ITransferWorker>().Start(request, CancellationToken.None);
        var events = new List<TransferEvent>();
        using var timeout = new CancellationTokenSource(s_timeout);
        await foreach (var item in run.Events.ReadAllAsync(timeout.Token))
        {
            events.Add(item);
        }

        await run.Completion.WaitAsync(s_timeout);
        return events;
    }

    protected static TransferEvent AssertCompleted(List<TransferEvent> events)
    {
        var last = events[^1];
        Assert.True(last.Kind == TransferEventKind.Completed, $"Expected Completed, got {last.Kind}: {last.Failure?.Message}");
        return last;
    }

    protected static TransferFailure AssertFailed(List<TransferEvent> events)
    {
        var last = events[^1];
        Assert.True(last.Kind == TransferEventKind.Failed, $"Expected Failed, got {last.Kind}");
        return last.Failure!;
    }

    /// <summary>The fragments' Content-Range values, in order.</summary>
    private protected static List<string?> Ranges(BitsTestServer bits) => [.. bits.PacketsOf("Fragment").Select(p => p.ContentRange)];
}
