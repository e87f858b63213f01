using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Orleans.Transfer.Uploads.Tests;

public sealed class LimitTests
{
    /// <summary>The tests sweep themselves; the background sweep, on the same fake clock, would race them.</summary>
    private static readonly Action<BitsUploadServerOptions> NoBackgroundSweep = s => s.SweepInterval = TimeSpan.FromDays(1);

    [Fact]
    public async Task CreateSession_FileExistsWithoutOverwrite_409()
    {
        await using var server = await UploadServer.StartAsync();
        await File.WriteAllTextAsync(server.PathOf("a.bin"), "old");
        using var response = await server.Client.SendAsync("Create-Session", "/uploads/a.bin", edit: r => r.Headers.TryAddWithoutValidation("BITS-Supported-Protocols", Bits.Protocol));
        response.AssertAck(409, "0x80070005");
        Assert.Equal("old", await File.ReadAllTextAsync(server.PathOf("a.bin")));
    }

    [Fact]
    public async Task LastFragment_FileAppearedMeanwhileWithoutOverwrite_409AndTheOtherFileKept()
    {
        await using var server = await UploadServer.StartAsync();
        var session = await server.Client.CreateSessionAsync("/uploads/a.bin");
        await File.WriteAllTextAsync(server.PathOf("a.bin"), "other");
        using var last = await server.Client.FragmentAsync("/uploads/a.bin", session, Bits.RandomFile(100), 0, 99);
        last.AssertAck(409, "0x80070005");
        Assert.Equal("other", await File.ReadAllTextAsync(server.PathOf("a.bin")));
        Assert.Equal(["root/a.bin"], server.AllFiles());
    }

    [Fact]
    public async Task Upload_FileExistsWithOverwrite_Replaced()
    {
        await using var server = await UploadServer.StartAsync(d => d.AllowOverwrite = true);
        await File.WriteAllTextAsync(server.PathOf("a.bin"), "old");
        var file = Bits.RandomFile(100);
        var (_, last) = await server.Client.UploadAsync("/uploads/a.bin", file, 100);
        last.Dispose();
        Assert.Equal(file, await File.ReadAllBytesAsync(server.PathOf("a.bin")));
    }

    [Fact]
    public async Task FirstFragment_FileLargerThanMaxFileBytes_500TooLarge()
    {
        await using var server = await UploadServer.StartAsync(d => d.MaxFileBytes = 1000);
        var session = await server.Client.CreateSessionAsync("/uploads/a.bin");
        using var response = await server.Client.SendAsync("Fragment", "/uploads/a.bin", session, new byte[10], "bytes 0-9/1001");
        response.AssertAck(500, "0x80200020");
        using var fits = await server.Client.SendAsync("Fragment", "/uploads/a.bin", session, new byte[10], "bytes 0-9/1000");
        fits.AssertAck(200);
    }

    [Fact]
    public async Task Fragment_LargerThanMaxFragmentBytes_413()
    {
        await using var server = await UploadServer.StartAsync(d => d.MaxFragmentBytes = 1024);
        var file = Bits.RandomFile(4096);
        var session = await server.Client.CreateSessionAsync("/uploads/a.bin");
        using var response = await server.Client.FragmentAsync("/uploads/a.bin", session, file, 0, 1024);
        Assert.Equal(413, (int)response.StatusCode);
        Assert.Equal("Ack", response.Header("BITS-Packet-Type"));
        using var smaller = await server.Client.FragmentAsync("/uploads/a.bin", session, file, 0, 1023);
        smaller.AssertAck(200);
    }

    [Fact]
    public async Task CreateSession_OverMaxSessions_503()
    {
        await using var server = await UploadServer.StartAsync(server: s => s.MaxSessions = 2);
        await server.Client.CreateSessionAsync("/uploads/a.bin");
        await server.Client.CreateSessionAsync("/uploads/b.bin");
        using var third = await server.Client.SendAsync("Create-Session", "/uploads/c.bin", edit: r => r.Headers.TryAddWithoutValidation("BITS-Supported-Protocols", Bits.Protocol));
        third.AssertAck(503, "0x800700AA");
        Assert.Equal(2, server.AllFiles().Count);
    }

    [Fact]
    public async Task Session_IdleLongerThanTheTimeout_DeletedWithItsPartialFile()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        await using var server = await UploadServer.StartAsync(d => d.SessionTimeout = TimeSpan.FromHours(1), NoBackgroundSweep, time);
        var sweeper = server.Services.GetRequiredService<BitsUploadSessionSweeper>();
        var file = Bits.RandomFile(200);
        var session = await server.Client.CreateSessionAsync("/uploads/a.bin");
        using var first = await server.Client.FragmentAsync("/uploads/a.bin", session, file, 0, 99);

        time.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(0, await sweeper.SweepOnceAsync(CancellationToken.None));
        Assert.Single(server.AllFiles());

        time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await sweeper.SweepOnceAsync(CancellationToken.None));
        Assert.Empty(server.AllFiles());
        Assert.Empty(server.Store.All);
        using var late = await server.Client.FragmentAsync("/uploads/a.bin", session, file, 100, 199);
        late.AssertAck(500, "0x8020001F");
    }

    [Fact]
    public async Task Session_ActivityResetsTheTimeout()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        await using var server = await UploadServer.StartAsync(d => d.SessionTimeout = TimeSpan.FromHours(1), NoBackgroundSweep, time);
        var sweeper = server.Services.GetRequiredService<BitsUploadSessionSweeper>();
        var file = Bits.RandomFile(200);
        var session = await server.Client.CreateSessionAsync("/uploads/a.bin");
        time.Advance(TimeSpan.FromMinutes(50));
        using var first = await server.Client.FragmentAsync("/uploads/a.bin", session, file, 0, 99);
        time.Advance(TimeSpan.FromMinutes(50));
        Assert.Equal(0, await sweeper.SweepOnceAsync(CancellationToken.None));
        using var second = await server.Client.FragmentAsync("/uploads/a.bin", session, file, 100, 199);
        second.AssertAck(200);
    }

    [Fact]
    public async Task Sweeper_InTheBackground_DeletesTimedOutSessionsOnItsInterval()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        await using var server = await UploadServer.StartAsync(
            d => d.SessionTimeout = TimeSpan.FromMinutes(10), s => s.SweepInterval = TimeSpan.FromMinutes(1), time);
        await server.Client.CreateSessionAsync("/uploads/a.bin");
        time.Advance(TimeSpan.FromMinutes(11));

        // The sweep runs on the server's own task after the fake tick; poll for its effect, bounded.
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (server.Store.All.Count > 0 && await poll.WaitForNextTickAsync(deadline.Token))
        {
            time.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.Empty(server.AllFiles());
    }
}
