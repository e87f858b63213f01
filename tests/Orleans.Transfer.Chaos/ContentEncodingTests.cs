using System.Diagnostics;
using System.Security.Cryptography;

namespace Orleans.Transfer.Chaos;

/// <summary>
/// The worker asks for <c>Accept-Encoding: identity</c>; a server that sends gzip anyway must not leave compressed
/// bytes behind as the file. Kept apart from the chaos run, which leaves gzip out unless XFER_CHAOS_GZIP=1.
/// </summary>
public sealed class ContentEncodingTests : IAsyncLifetime
{
    private const int FileSize = 256 * 1024;
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan s_pollInterval = TimeSpan.FromMilliseconds(200);

    private OriginAndRoot _test = null!;

    public async Task InitializeAsync() => _test = await OriginAndRoot.StartAsync("xfer-gzip-");

    public async Task DisposeAsync() => await _test.DisposeAsync();

    [Fact]
    public async Task GzipBodyDespiteIdentity_NeverSavedAsTheFile()
    {
        var file = _test.Origin.AddGenerated("plain.bin", FileSize, seed: 11);
        _test.Origin.Faults = new FaultPlan(rate: 1, seed: 1, [ChaosFault.Gzip]);
        var destination = Path.Combine(_test.Subdirectory("out"), "plain.bin");
        await using var silo = new SiloProcess(_test.Subdirectory("home"), await StorageProfiles.EnvironmentForAsync("Sqlite"));
        await silo.StartAsync();
        await using var session = new ClientSession(silo);
        var job = await session.CallAsync((c, ct) => c.CreateDownloadJobAsync("gzip", cancellationToken: ct), TimeSpan.Zero);
        await session.CallAsync((c, ct) => c.AddFileAsync(job.Id, _test.Origin.UrlFor("plain.bin").ToString(), destination, cancellationToken: ct), TimeSpan.Zero);
        await session.CallAsync((c, ct) => c.ResumeAsync(job.Id, ct), TimeSpan.Zero);

        var settled = await SettledAsync(session, job.Id, silo);
        Assert.True(_test.Origin.Faults.Injected > 0, "the origin sent gzip");
        if (settled.State == JobState.Transferred)
        {
            await session.CallAsync((c, ct) => c.CompleteAsync(job.Id, ct), TimeSpan.Zero);
            await using var stream = File.OpenRead(destination);
            Assert.True(
                file.ComputeSha256() == Convert.ToHexStringLower(await SHA256.HashDataAsync(stream)),
                $"the job ended Transferred with {new FileInfo(destination).Length} B of gzip instead of the {FileSize} B file");
        }
        else
        {
            Assert.NotNull(settled.Error);
        }
    }

    private static async Task<JobInfo> SettledAsync(ClientSession session, Guid jobId, SiloProcess silo)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var info = await session.CallAsync((c, ct) => c.GetAsync(jobId, ct), s_deadline);
            if (info.State is JobState.Transferred or JobState.Error or JobState.TransientError)
            {
                return info;
            }

            if (clock.Elapsed > s_deadline)
            {
                throw new TimeoutException($"job {jobId} still {info.State} after {s_deadline}; silo log:\n{silo.ReadLog()}");
            }

            await Task.Delay(s_pollInterval);
        }
    }
}
