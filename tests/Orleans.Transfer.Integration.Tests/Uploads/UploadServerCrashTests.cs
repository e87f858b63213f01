using System.Net;
using System.Security.Cryptography;

namespace Orleans.Transfer.Integration.Tests.Uploads;

/// <summary>
/// The silo's BITS upload server in the real silo process, turned on by XFER_UPLOAD_ROOT and XFER_UPLOAD_PORT: a
/// session half uploaded survives a SIGKILL of the server's silo (the session is a grain in grain storage) and goes on
/// from the server's BITS-Received-Content-Range; the local API never answers on the upload port.
/// </summary>
public sealed class UploadServerCrashTests : IAsyncDisposable
{
    private const int FileSize = 6 * 1024 * 1024;
    private const int FragmentSize = 256 * 1024;
    private const string Url = "/uploads/crash/report.bin";
    private static readonly TimeSpan s_portDeadline = TimeSpan.FromSeconds(60);

    private readonly string _root = Directory.CreateTempSubdirectory("xfer-upload-crash-").FullName;

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_root, recursive: true);
        return ValueTask.CompletedTask;
    }

    [Theory]
    [ProfileData]
    public async Task SigkillMidUpload_RestartedSilo_ContinuesTheSession_ByteIdentical(string profile)
    {
        var uploads = Directory.CreateDirectory(Path.Combine(_root, "uploads")).FullName;
        Directory.CreateDirectory(Path.Combine(uploads, "crash"));
        var port = LoopbackPorts.Free();
        var environment = new Dictionary<string, string>(await StorageProfiles.EnvironmentForAsync(profile, "upload"))
        {
            ["XFER_UPLOAD_ROOT"] = uploads,
            ["XFER_UPLOAD_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        await using var silo = new SiloProcess(Directory.CreateDirectory(Path.Combine(_root, "home")).FullName, environment);
        var file = new byte[FileSize];
        new Random(12).NextBytes(file);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        await silo.StartAsync();
        await silo.UntilListeningAsync(port, s_portDeadline);
        using var created = await http.SendAsync(BitsUploadPackets.CreateSession(Url));
        Assert.True(created.StatusCode is HttpStatusCode.OK or HttpStatusCode.Created, $"Create-Session: {created.StatusCode}");
        Assert.Equal(BitsUploadPackets.UploadProtocol, BitsUploadPackets.Header(created, "BITS-Protocol"), ignoreCase: true);
        var sessionId = BitsUploadPackets.Header(created, "BITS-Session-Id");

        long offset = 0;
        while (offset < FileSize / 2)
        {
            offset = await SendFragmentAsync(http, sessionId, file, offset);
        }

        var acknowledged = offset;
        silo.AppendLog($"--- test: SIGKILL after {acknowledged} acknowledged bytes of session {sessionId}");
        await silo.KillAsync();
        Assert.False(File.Exists(Path.Combine(uploads, "crash", "report.bin")), "the file appeared before its last byte");
        await silo.StartAsync();
        await silo.UntilListeningAsync(port, s_portDeadline);

        // Resuming as Windows does: Ping, then a fragment from where the client stands; here it re-sends the first
        // fragment, and the server's Ack (416, or 200 writing nothing) names the byte it expects.
        using (var ping = await http.SendAsync(BitsUploadPackets.Ping(Url)))
        {
            Assert.Equal(HttpStatusCode.OK, ping.StatusCode);
        }

        using (var resync = await http.SendAsync(BitsUploadPackets.Fragment(Url, sessionId, file, 0, FragmentSize)))
        {
            Assert.True(resync.StatusCode is HttpStatusCode.OK or HttpStatusCode.RequestedRangeNotSatisfiable, $"resync: {resync.StatusCode}");
            offset = BitsUploadPackets.ReceivedContentRange(resync);
        }

        Assert.Equal(acknowledged, offset);
        while (offset < FileSize)
        {
            offset = await SendFragmentAsync(http, sessionId, file, offset);
        }

        using (var closed = await http.SendAsync(BitsUploadPackets.Close(Url, sessionId)))
        {
            Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        }

        var landed = Path.Combine(uploads, "crash", "report.bin");
        Assert.Equal(SHA256.HashData(file), SHA256.HashData(await File.ReadAllBytesAsync(landed)));
        Assert.Equal(["report.bin"], Directory.GetFiles(Path.Combine(uploads, "crash")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task LocalApiRoutes_AreNotServedOnTheUploadPort()
    {
        var uploads = Directory.CreateDirectory(Path.Combine(_root, "uploads")).FullName;
        var port = LoopbackPorts.Free();
        var environment = new Dictionary<string, string>
        {
            ["XFER_UPLOAD_ROOT"] = uploads,
            ["XFER_UPLOAD_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        await using var silo = new SiloProcess(Directory.CreateDirectory(Path.Combine(_root, "home")).FullName, environment);
        await silo.StartAsync();
        await silo.UntilListeningAsync(port, s_portDeadline);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        foreach (var route in new[] { LocalApi.LocalApiRoutes.Caller, LocalApi.LocalApiRoutes.Jobs, LocalApi.LocalApiRoutes.BandwidthPolicy, "/v1/nothing" })
        {
            using var get = await http.GetAsync(route);
            Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
            Assert.Empty(await get.Content.ReadAsByteArrayAsync());
        }

        using var stop = await http.PostAsync(LocalApi.LocalApiRoutes.ServiceStop, new ByteArrayContent([]));
        Assert.Equal(HttpStatusCode.NotFound, stop.StatusCode);
        Assert.True(silo.IsRunning);

        using var ping = await http.SendAsync(BitsUploadPackets.Ping("/uploads/x.bin"));
        Assert.Equal(HttpStatusCode.OK, ping.StatusCode);
    }

    [Fact]
    public async Task MissingUploadRoot_StopsTheSilo_NamingTheSetting()
    {
        var environment = new Dictionary<string, string>
        {
            ["XFER_UPLOAD_ROOT"] = Path.Combine(_root, "missing"),
            ["XFER_UPLOAD_PORT"] = LoopbackPorts.Free().ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        await using var silo = new SiloProcess(Directory.CreateDirectory(Path.Combine(_root, "home")).FullName, environment);

        var e = await Assert.ThrowsAsync<InvalidOperationException>(silo.StartAsync);

        Assert.Contains("XFER_UPLOAD_ROOT", e.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(_root, "missing"), e.Message, StringComparison.Ordinal);
    }

    private static async Task<long> SendFragmentAsync(HttpClient http, string sessionId, byte[] file, long offset)
    {
        var length = (int)Math.Min(FragmentSize, file.Length - offset);
        using var ack = await http.SendAsync(BitsUploadPackets.Fragment(Url, sessionId, file, offset, length));
        Assert.True(ack.StatusCode == HttpStatusCode.OK, $"Fragment at {offset}: {(int)ack.StatusCode} {ack.Headers}");
        var next = BitsUploadPackets.ReceivedContentRange(ack);
        Assert.Equal(offset + length, next);
        return next;
    }
}
