using System.Text.RegularExpressions;

namespace Orleans.Transfer.Uploads.Tests;

public sealed partial class PacketTests
{
    [Theory]
    [InlineData("Ping")]
    [InlineData("PING")]
    [InlineData("pinG")]
    public async Task Ping_AnyCase_AcksWith200(string type)
    {
        await using var server = await UploadServer.StartAsync();
        using var response = await server.Client.SendAsync(type, "/uploads/a.bin");
        response.AssertAck(200);
    }

    [Theory]
    [InlineData(Bits.Protocol)]
    [InlineData("{11111111-1111-1111-1111-111111111111} {7DF0354D-249B-430F-820D-3D2A9BEF4931}")]
    [InlineData("{11111111-1111-1111-1111-111111111111},{7df0354d-249b-430f-820d-3d2a9bef4931}")]
    public async Task CreateSession_OffersTheUploadProtocol_AcksWithSession(string offered)
    {
        await using var server = await UploadServer.StartAsync();
        using var response = await server.Client.SendAsync("CREATE-SESSION", "/uploads/a.bin", edit: r => r.Headers.TryAddWithoutValidation("BITS-Supported-Protocols", offered));
        response.AssertAck(200);
        Assert.Equal(Bits.Protocol, response.Header("BITS-Protocol"));
        Assert.Matches(SessionIdPattern(), response.Header("BITS-Session-Id"));
        Assert.Equal("identity", response.Header("Accept-Encoding"));
        Assert.Null(response.Header("BITS-Host-Id"));
        Assert.Single(server.Store.All);
        Assert.True(File.Exists(server.PathOf($".bits-{Guid.Parse(response.Header("BITS-Session-Id")!):N}.part")));
    }

    [Theory]
    [InlineData("{11111111-1111-1111-1111-111111111111}")]
    [InlineData("")]
    public async Task CreateSession_NoCommonProtocol_400InvalidArg(string offered)
    {
        await using var server = await UploadServer.StartAsync();
        using var response = await server.Client.SendAsync("Create-Session", "/uploads/a.bin", edit: r => r.Headers.TryAddWithoutValidation("BITS-Supported-Protocols", offered));
        response.AssertAck(400, "0x80070057");
        Assert.Empty(server.Store.All);
    }

    [Fact]
    public async Task CreateSession_HostIdConfigured_SendsHostIdAndFallback()
    {
        await using var server = await UploadServer.StartAsync(d =>
        {
            d.HostId = "node7.example";
            d.HostIdFallbackTimeout = TimeSpan.FromSeconds(110);
        });
        using var response = await server.Client.SendAsync("Create-Session", "/uploads/a.bin", edit: r => r.Headers.TryAddWithoutValidation("BITS-Supported-Protocols", Bits.Protocol));
        Assert.Equal("node7.example", response.Header("BITS-Host-Id"));
        Assert.Equal("110", response.Header("BITS-Host-Id-Fallback-Timeout"));
    }

    [Theory]
    [InlineData("Upload")]
    [InlineData("")]
    [InlineData("Ack")]
    public async Task UnknownOrMissingPacketType_400InvalidArg(string type)
    {
        await using var server = await UploadServer.StartAsync();
        using var response = await server.Client.SendAsync(type, "/uploads/a.bin");
        response.AssertAck(400, "0x80070057");
    }

    [Fact]
    public async Task HeaderValueOver4KB_400InvalidArg()
    {
        await using var server = await UploadServer.StartAsync();
        using var response = await server.Client.SendAsync("Ping", "/uploads/a.bin", edit: r => r.Headers.TryAddWithoutValidation("X-Long", new string('x', 4097)));
        response.AssertAck(400, "0x80070057");
    }

    [Fact]
    public async Task MissingContentLength_411InvalidArg()
    {
        await using var server = await UploadServer.StartAsync();
        using var response = await server.Client.SendAsync("Create-Session", "/uploads/a.bin", edit: r =>
        {
            r.Headers.TryAddWithoutValidation("BITS-Supported-Protocols", Bits.Protocol);
            r.Content = new StreamContent(new MemoryStream());
            r.Headers.TransferEncodingChunked = true;
        });
        response.AssertAck(411, "0x80070057");
    }

    [Fact]
    public async Task CreateSession_WithBody_400InvalidArg()
    {
        await using var server = await UploadServer.StartAsync();
        using var response = await server.Client.SendAsync("Create-Session", "/uploads/a.bin", body: [1, 2, 3], edit: r => r.Headers.TryAddWithoutValidation("BITS-Supported-Protocols", Bits.Protocol));
        response.AssertAck(400, "0x80070057");
    }

    [Theory]
    [InlineData("/uploads")]
    [InlineData("/uploads/")]
    [InlineData("/uploads/sub")]
    public async Task CreateSession_UrlNamesADirectory_400InvalidArg(string path)
    {
        await using var server = await UploadServer.StartAsync();
        Directory.CreateDirectory(server.PathOf("sub"));
        using var response = await server.Client.SendAsync("Create-Session", path, edit: r => r.Headers.TryAddWithoutValidation("BITS-Supported-Protocols", Bits.Protocol));
        response.AssertAck(400, "0x80070057");
    }

    [Fact]
    public async Task CreateSession_DirectoryOfTheDestinationMissing_404()
    {
        await using var server = await UploadServer.StartAsync();
        using var response = await server.Client.SendAsync("Create-Session", "/uploads/missing/a.bin", edit: r => r.Headers.TryAddWithoutValidation("BITS-Supported-Protocols", Bits.Protocol));
        Assert.Equal(404, (int)response.StatusCode);
        Assert.Equal("Ack", response.Header("BITS-Packet-Type"));
        Assert.Empty(server.Store.All);
    }

    [Fact]
    public async Task Close_AfterLastFragment_FreesSessionAndKeepsFile()
    {
        await using var server = await UploadServer.StartAsync();
        var file = Bits.RandomFile(10_000);
        var (session, last) = await server.Client.UploadAsync("/uploads/a.bin", file, 4096);
        last.Dispose();
        using var close = await server.Client.SendAsync("Close-Session", "/uploads/a.bin", session);
        close.AssertAck(200);
        Assert.Equal(session, close.Header("BITS-Session-Id"));
        Assert.Empty(server.Store.All);
        Assert.Equal(file, await File.ReadAllBytesAsync(server.PathOf("a.bin")));
        Assert.Equal(["root/a.bin"], server.AllFiles());
    }

    [Fact]
    public async Task Close_BeforeLastByte_DeletesThePartialUpload()
    {
        await using var server = await UploadServer.StartAsync();
        var file = Bits.RandomFile(10_000);
        var session = await server.Client.CreateSessionAsync("/uploads/a.bin");
        using var fragment = await server.Client.FragmentAsync("/uploads/a.bin", session, file, 0, 4095);
        using var close = await server.Client.SendAsync("Close-Session", "/uploads/a.bin", session);
        close.AssertAck(200);
        Assert.Empty(server.AllFiles());
        Assert.Empty(server.Store.All);
    }

    [Fact]
    public async Task Close_WithoutAnyFragment_CommitsAnEmptyFile()
    {
        await using var server = await UploadServer.StartAsync();
        var session = await server.Client.CreateSessionAsync("/uploads/empty.bin");
        using var close = await server.Client.SendAsync("Close-Session", "/uploads/empty.bin", session);
        close.AssertAck(200);
        Assert.Equal(["root/empty.bin"], server.AllFiles());
        Assert.Equal(0, new FileInfo(server.PathOf("empty.bin")).Length);
    }

    [Fact]
    public async Task Cancel_BeforeLastByte_DeletesThePartialUpload()
    {
        await using var server = await UploadServer.StartAsync();
        var file = Bits.RandomFile(10_000);
        var session = await server.Client.CreateSessionAsync("/uploads/a.bin");
        using var fragment = await server.Client.FragmentAsync("/uploads/a.bin", session, file, 0, 4095);
        using var cancel = await server.Client.SendAsync("Cancel-Session", "/uploads/a.bin", session);
        cancel.AssertAck(200);
        Assert.Empty(server.AllFiles());
        Assert.Empty(server.Store.All);
    }

    [Fact]
    public async Task Cancel_AfterLastByte_LeavesTheCommittedFile()
    {
        await using var server = await UploadServer.StartAsync();
        var file = Bits.RandomFile(5000);
        var (session, last) = await server.Client.UploadAsync("/uploads/a.bin", file, 5000);
        last.Dispose();
        using var cancel = await server.Client.SendAsync("Cancel-Session", "/uploads/a.bin", session);
        cancel.AssertAck(200);
        Assert.Equal(file, await File.ReadAllBytesAsync(server.PathOf("a.bin")));
        Assert.Empty(server.Store.All);
    }

    [Theory]
    [InlineData("Fragment")]
    [InlineData("Close-Session")]
    [InlineData("Cancel-Session")]
    public async Task UnknownSession_500SessionNotFound(string type)
    {
        await using var server = await UploadServer.StartAsync();
        using var response = await server.Client.SendAsync(type, "/uploads/a.bin", "{A0FF5911-4144-45B3-BF27-27AFC8EC8A67}",
            range: type == "Fragment" ? "bytes */0" : null);
        response.AssertAck(500, "0x8020001F");
    }

    [Fact]
    public async Task SessionOfAnotherUrl_500SessionNotFound()
    {
        await using var server = await UploadServer.StartAsync();
        var session = await server.Client.CreateSessionAsync("/uploads/a.bin");
        using var response = await server.Client.FragmentAsync("/uploads/b.bin", session, [1, 2, 3], 0, 2);
        response.AssertAck(500, "0x8020001F");
        Assert.False(File.Exists(server.PathOf("b.bin")));
    }

    [Fact]
    public async Task FragmentWithoutSessionId_400InvalidArg()
    {
        await using var server = await UploadServer.StartAsync();
        using var response = await server.Client.SendAsync("Fragment", "/uploads/a.bin", body: [1], range: "bytes 0-0/1");
        response.AssertAck(400, "0x80070057");
    }

    [GeneratedRegex("^\\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\\}$")]
    private static partial Regex SessionIdPattern();
}
