using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Transfer.Client;
using Orleans.Transfer.Http;
using Orleans.Transfer.Testing.NetworkCost;
using Xunit.Abstractions;

namespace Orleans.Transfer.Integration.Tests.NetworkCost;

/// <summary>
/// B84 end to end: the real silo process reads NetworkManager's Metered property from a private D-Bus system bus
/// (<see cref="FakeNetworkManager"/>, through DBUS_SYSTEM_BUS_ADDRESS) while a real throttled HTTP download runs. Metered
/// stops a job whose policy is unrestricted (TransientError, NetworkCostNotAllowed, no error counted, bytes kept);
/// unmetered again, it continues and finishes byte-identical. Without any D-Bus the silo logs "unknown" once and
/// transfers. scripts/test-peers.sh installs dbus-daemon and python3-dbusmock.
/// </summary>
public sealed class NetworkCostTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const long FileSize = 32L * 1024 * 1024;
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(90);

    private OriginAndRoot _test = null!;

    public async Task InitializeAsync() => _test = await OriginAndRoot.StartAsync("xfer-cost-");

    public async Task DisposeAsync() => await _test.DisposeAsync();

    [Fact]
    public async Task MeteredMidDownload_StopsAnUnrestrictedJob_Uncounted_AndItFinishesWhenUnmetered()
    {
        await using var networkManager = await FakeNetworkManager.CreateAsync(FakeNetworkManager.MeteredNo);
        var file = _test.Origin.AddGenerated("big.bin", FileSize, seed: 23);
        file.ThrottleBytesPerSecond = 4L * 1024 * 1024;
        var destination = Path.Combine(_test.Subdirectory("out"), "big.bin");
        await using var silo = new SiloProcess(
            _test.Subdirectory("home"),
            new Dictionary<string, string> { ["DBUS_SYSTEM_BUS_ADDRESS"] = networkManager.BusAddress });
        await silo.StartAsync();
        using var client = await SiloClients.ConnectAsync(silo);
        var transfer = client.Services.GetRequiredService<ITransferClient>();

        var cost = await transfer.GetNetworkCostAsync();
        Assert.Equal((NetworkCostStates.Unrestricted, "NetworkManager"), (cost.State, cost.Source));
        // One connection (the file is large enough to split): the resume below is one Range from the bytes kept.
        var job = await transfer.CreateJobAsync(new CreateJobRequest(
            "cost", null, JobType.Download, JobPriority.Normal, "tester", [new FileSpec(_test.Origin.UrlFor("big.bin").ToString(), destination)],
            Resume: true, CostPolicy: TransferPolicy.Unrestricted,
            Http: new HttpOptionsUpdate(Segments: 1)));
        // Past the first checkpoint (8 MiB or 2 s by default), so that there are kept bytes to see.
        await SiloClients.UntilAsync(() => Task.FromResult(file.BodyBytesSent >= FileSize / 2), "half the file sent", s_deadline, silo);

        silo.AppendLog("--- test: Metered=yes ---");
        var metered = Stopwatch.StartNew();
        await networkManager.SetMeteredAsync(FakeNetworkManager.MeteredYes);
        var sentAtFlip = file.BodyBytesSent;
        JobInfo waiting = null!;
        await SiloClients.UntilAsync(
            async () => (waiting = await transfer.GetAsync(job.Id)).State == JobState.TransientError, "TransientError after Metered=yes", s_deadline, silo);
        var stoppedAfter = metered.Elapsed;
        var sentAfterStop = file.BodyBytesSent;
        Assert.Equal(TransferErrorCode.NetworkCostNotAllowed, waiting.Error!.Code);
        Assert.Equal(ErrorContext.Transport, waiting.Error.Context);
        Assert.Equal(0, waiting.ErrorCount);
        Assert.Null(waiting.NextRetryAt);
        Assert.True(waiting.Progress.BytesTransferred > 0, "the bytes received before the stop are kept");
        Assert.Equal(NetworkCostStates.CappedUsageUnknown, (await transfer.GetNetworkCostAsync()).State);
        output.WriteLine(
            $"Metered=yes -> TransientError seen after {stoppedAfter.TotalMilliseconds:0} ms (poll every 50 ms); "
            + $"{(sentAfterStop - sentAtFlip) / 1024} KiB more sent by the origin; {waiting.Progress.BytesTransferred} bytes kept");

        var requestsBefore = file.RangeHeaders.Count;
        file.ThrottleBytesPerSecond = 0;
        silo.AppendLog("--- test: Metered=no ---");
        var unmetered = Stopwatch.StartNew();
        await networkManager.SetMeteredAsync(FakeNetworkManager.MeteredNo);
        await SiloClients.UntilAsync(() => Task.FromResult(file.RangeHeaders.Count > requestsBefore), "a request after Metered=no", s_deadline, silo);
        output.WriteLine($"Metered=no -> next request at the origin after {unmetered.Elapsed.TotalMilliseconds:0} ms");
        JobInfo done = null!;
        await SiloClients.UntilAsync(
            async () => (done = await transfer.GetAsync(job.Id)).State is JobState.Transferred or JobState.Error, "Transferred after Metered=no", s_deadline, silo);
        Assert.Equal(JobState.Transferred, done.State);
        Assert.Equal(0, done.ErrorCount);
        var resumedFrom = long.Parse(file.RangeHeaders[requestsBefore]!["bytes=".Length..].TrimEnd('-'), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(resumedFrom >= waiting.Progress.BytesTransferred, $"resumed at {resumedFrom}, below the {waiting.Progress.BytesTransferred} bytes kept");
        await transfer.CompleteAsync(job.Id);

        Assert.Equal(file.ComputeSha256(), Convert.ToHexStringLower(await SHA256.HashDataAsync(File.OpenRead(destination))));
        var log = silo.ReadLog();
        Assert.Contains("waits in TransientError", log, StringComparison.Ordinal);
        Assert.Contains("queued again", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoDBus_SiloLogsUnknownOnce_AndTransfers()
    {
        var file = _test.Origin.AddGenerated("small.bin", 256 * 1024, seed: 24);
        var destination = Path.Combine(_test.Subdirectory("out"), "small.bin");
        await using var silo = new SiloProcess(
            _test.Subdirectory("home"),
            new Dictionary<string, string> { ["DBUS_SYSTEM_BUS_ADDRESS"] = $"unix:path={Path.Combine(_test.Root, "no-bus")}" });
        await silo.StartAsync();
        using var client = await SiloClients.ConnectAsync(silo);
        var transfer = client.Services.GetRequiredService<ITransferClient>();

        var job = await transfer.CreateJobAsync(new CreateJobRequest(
            "no bus", null, JobType.Download, JobPriority.Normal, "tester", [new FileSpec(_test.Origin.UrlFor("small.bin").ToString(), destination)],
            Resume: true, CostPolicy: TransferPolicy.Unrestricted));
        await SiloClients.UntilAsync(async () => (await transfer.GetAsync(job.Id)).State == JobState.Transferred, "Transferred without D-Bus", s_deadline, silo);
        await transfer.CompleteAsync(job.Id);

        Assert.Equal(file.ComputeSha256(), Convert.ToHexStringLower(await SHA256.HashDataAsync(File.OpenRead(destination))));
        Assert.Equal("unknown", (await transfer.GetNetworkCostAsync()).Source);
        var log = silo.ReadLog();
        Assert.Single(log.Split('\n'), line => line.Contains("Network cost unknown", StringComparison.Ordinal));
    }
}
