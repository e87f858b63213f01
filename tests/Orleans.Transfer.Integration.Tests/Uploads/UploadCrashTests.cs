using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Transfer.Client;

namespace Orleans.Transfer.Integration.Tests.Uploads;

/// <summary>
/// An upload between two real silo processes, the client's and the server's (XFER_UPLOAD_ROOT), on one storage
/// profile: SIGKILL one of them half way, start it again, and the upload goes on in the same session from the byte the
/// server acknowledged, committing a byte-identical file and nothing else.
/// </summary>
public sealed class UploadCrashTests : IAsyncDisposable
{
    private const long FileSize = 48L * 1024 * 1024;
    private const long RateBytesPerSecond = 8L * 1024 * 1024;
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(120);

    private readonly string _root = Directory.CreateTempSubdirectory("xfer-upload-crash-").FullName;
    private readonly string _serverRoot;
    private readonly string _source;
    private readonly int _uploadPort = LoopbackPorts.Free();

    public UploadCrashTests()
    {
        _serverRoot = Directory.CreateDirectory(Path.Combine(_root, "srv")).FullName;
        _source = Path.Combine(Directory.CreateDirectory(Path.Combine(_root, "client")).FullName, "big.bin");
        var content = new byte[FileSize];
        new Random(42).NextBytes(content);
        File.WriteAllBytes(_source, content);
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_root, recursive: true);
        return ValueTask.CompletedTask;
    }

    [Theory]
    [ProfileData]
    public async Task SigkillClientSiloMidUpload_RestartedSilo_FinishesByteIdentical(string profile)
    {
        await using var server = await StartServerAsync(profile);
        await using var client = new SiloProcess(Home("client-home"), await StorageProfiles.EnvironmentForAsync(profile, "upcrash"));
        await client.StartAsync();

        Guid jobId;
        using (var host = await SiloClients.ConnectAsync(client))
        {
            var transfer = host.Services.GetRequiredService<ITransferClient>();
            jobId = (await transfer.CreateJobAsync(UploadRequest())).Id;
            await SiloClients.UntilAsync(async () => (await transfer.GetAsync(jobId)).Progress.BytesTransferred >= FileSize / 2, "half the file acknowledged", s_deadline, client, server);
        }

        await client.KillAsync();
        await client.StartAsync();

        using (var host = await SiloClients.ConnectAsync(client))
        {
            var transfer = host.Services.GetRequiredService<ITransferClient>();
            await SiloClients.UntilAsync(async () => (await transfer.GetAsync(jobId)).State == JobState.Transferred, "Transferred", s_deadline, client, server);
            Assert.Equal(JobState.Acknowledged, (await transfer.CompleteAsync(jobId)).State);
        }

        await AssertCommittedAsync();
    }

    [Theory]
    [ProfileData]
    public async Task SigkillServerSiloMidUpload_RestartedServer_SameSessionGoesOn(string profile)
    {
        await using var server = await StartServerAsync(profile);
        await using var client = new SiloProcess(Home("client-home"), await StorageProfiles.EnvironmentForAsync(profile, "upcrash"));
        await client.StartAsync();

        using var host = await SiloClients.ConnectAsync(client);
        var transfer = host.Services.GetRequiredService<ITransferClient>();
        var jobId = (await transfer.CreateJobAsync(UploadRequest())).Id;
        await SiloClients.UntilAsync(async () => (await transfer.GetAsync(jobId)).Progress.BytesTransferred >= FileSize / 2, "half the file acknowledged", s_deadline, client, server);

        await server.KillAsync();
        await server.StartAsync();

        // A session the restarted server had lost would start the file again from zero in a new session; progress may
        // fall back to the last checkpoint (bytes written but not yet acknowledged are not durable), never to zero.
        var lowest = long.MaxValue;
        await SiloClients.UntilAsync(
            async () =>
            {
                var job = await transfer.GetAsync(jobId);
                lowest = Math.Min(lowest, job.Progress.BytesTransferred);
                return job.State == JobState.Transferred;
            },
            "Transferred after the server's restart",
            s_deadline,
            client,
            server);
        Assert.True(lowest > 0, "the upload started again from byte 0 after the server's restart: the session was lost");
        Assert.Equal(JobState.Acknowledged, (await transfer.CompleteAsync(jobId)).State);

        await AssertCommittedAsync();
    }

    private CreateJobRequest UploadRequest() => new(
        "upload crash test",
        null,
        JobType.Upload,
        JobPriority.Foreground,
        Owner: "",
        Files: [new FileSpec($"http://127.0.0.1:{_uploadPort}/uploads/big.bin", _source)],
        Resume: true,
        MinimumRetryDelay: JobLimits.MinimumRetryDelayFloor,
        MaxBytesPerSecond: RateBytesPerSecond);

    private async Task<SiloProcess> StartServerAsync(string profile)
    {
        var environment = new Dictionary<string, string>(await StorageProfiles.EnvironmentForAsync(profile, "upserver"))
        {
            ["XFER_UPLOAD_ROOT"] = _serverRoot,
            ["XFER_UPLOAD_PORT"] = _uploadPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var server = new SiloProcess(Home("server-home"), environment);
        await server.StartAsync();
        return server;
    }

    private async Task AssertCommittedAsync()
    {
        var committed = Path.Combine(_serverRoot, "big.bin");
        Assert.Equal(await HashAsync(_source), await HashAsync(committed));
        Assert.Equal(["big.bin"], Directory.GetFileSystemEntries(_serverRoot).Select(Path.GetFileName));
    }

    private string Home(string name) => Directory.CreateDirectory(Path.Combine(_root, name)).FullName;

    private static async Task<string> HashAsync(string path)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream));
    }
}
