namespace Orleans.Transfer.Uploads.Tests;

public sealed class PathSafetyTests
{
    public static TheoryData<string> RefusedPaths => new()
    {
        "/uploads/sub/../x.bin",
        "/uploads/sub/%2e%2e/x.bin",
        "/uploads/sub/%2E%2E/x.bin",
        "/uploads/./x.bin",
        "/uploads/sub/%2e/x.bin",
        "/uploads/a%2fb.bin",
        "/uploads/a%2Fb.bin",
        "/uploads/a%5cb.bin",
        "/uploads/%2fetc%2fpasswd",
        "/uploads//etc/passwd",
        "/uploads/a%5c..%5cx.bin",
        "/uploads/a%01b.bin",
        "/uploads/a%0ab.bin",
        "/uploads/CON",
        "/uploads/con.txt",
        "/uploads/Lpt1.tar.gz",
        "/uploads/COM9",
        "/uploads/nul",
        "/uploads/aux.",
        "/uploads/file.txt:stream",
        "/uploads/file.txt%3a%24DATA",
        "/uploads/C%3a%5cWindows%5cx.bin",
        "/uploads/.hidden",
        "/uploads/.bits-0123.part",
        "/uploads/name.",
        "/uploads/name%20",
        "/uploads/" + new string('n', 256),
    };

    [Theory]
    [MemberData(nameof(RefusedPaths))]
    public async Task CreateSession_UnsafeName_403AccessDeniedAndNothingWritten(string path)
    {
        await using var server = await UploadServer.StartAsync();
        Directory.CreateDirectory(server.PathOf("sub"));
        using var response = await server.Client.SendAsync("Create-Session", path, edit: r => r.Headers.TryAddWithoutValidation("BITS-Supported-Protocols", Bits.Protocol));
        response.AssertAck(403, "0x80070005");
        Assert.Empty(server.AllFiles());
        Assert.Empty(server.Store.All);
    }

    [Theory]
    [InlineData("/uploads/../x.bin")]
    [InlineData("/uploads/%2e%2e/x.bin")]
    [InlineData("/uploads/a\\..\\..\\x.bin")]
    [InlineData("/uploads/a%00b.bin")]
    public async Task CreateSession_NameLeavingTheDirectory_NeverSucceedsAndNothingWritten(string path)
    {
        // Kestrel removes dot segments before routing and refuses an encoded NUL, so these may never reach the endpoint.
        await using var server = await UploadServer.StartAsync();
        using var response = await server.Client.SendAsync("Create-Session", path, edit: r => r.Headers.TryAddWithoutValidation("BITS-Supported-Protocols", Bits.Protocol));
        Assert.False(response.IsSuccessStatusCode);
        Assert.Empty(server.AllFiles());
    }

    [Fact]
    public async Task Upload_SymlinkPlantedAtTheDestination_IsNotWrittenThrough()
    {
        await using var server = await UploadServer.StartAsync(d => d.AllowOverwrite = true);
        var outside = Path.Combine(server.Parent, "outside.txt");
        await File.WriteAllTextAsync(outside, "keep");
        File.CreateSymbolicLink(server.PathOf("a.bin"), outside);
        var session = await server.Client.CreateSessionAsync("/uploads/a.bin");
        using var last = await server.Client.FragmentAsync("/uploads/a.bin", session, Bits.RandomFile(100), 0, 99);
        Assert.Equal(403, (int)last.StatusCode);
        Assert.Equal("keep", await File.ReadAllTextAsync(outside));
        Assert.NotNull(new FileInfo(server.PathOf("a.bin")).LinkTarget);
    }

    [Fact]
    public async Task Upload_SymlinkAtTheDestinationWithoutOverwrite_409()
    {
        await using var server = await UploadServer.StartAsync();
        var outside = Path.Combine(server.Parent, "outside.txt");
        await File.WriteAllTextAsync(outside, "keep");
        File.CreateSymbolicLink(server.PathOf("a.bin"), outside);
        using var response = await server.Client.SendAsync("Create-Session", "/uploads/a.bin", edit: r => r.Headers.TryAddWithoutValidation("BITS-Supported-Protocols", Bits.Protocol));
        response.AssertAck(409, "0x80070005");
        Assert.Equal("keep", await File.ReadAllTextAsync(outside));
    }

    [Fact]
    public async Task Upload_SymlinkPlantedAtThePartialName_IsReplacedNotWrittenThrough()
    {
        await using var server = await UploadServer.StartAsync();
        var outside = Path.Combine(server.Parent, "outside.txt");
        await File.WriteAllTextAsync(outside, "keep");
        var file = Bits.RandomFile(100);
        var session = await server.Client.CreateSessionAsync("/uploads/a.bin");
        var partial = server.PathOf($".bits-{Guid.Parse(session):N}.part");
        File.Delete(partial);
        File.CreateSymbolicLink(partial, outside);
        using var last = await server.Client.FragmentAsync("/uploads/a.bin", session, file, 0, 99);
        last.AssertAck(200);
        Assert.Equal("keep", await File.ReadAllTextAsync(outside));
        Assert.Equal(file, await File.ReadAllBytesAsync(server.PathOf("a.bin")));
    }

    [Fact]
    public async Task Upload_SymlinkPlantedAtThePartialNameMidway_SessionNotFoundAndNothingWrittenOutside()
    {
        await using var server = await UploadServer.StartAsync();
        var outside = Path.Combine(server.Parent, "outside.txt");
        await File.WriteAllTextAsync(outside, "keep");
        var file = Bits.RandomFile(200);
        var session = await server.Client.CreateSessionAsync("/uploads/a.bin");
        using var first = await server.Client.FragmentAsync("/uploads/a.bin", session, file, 0, 99);
        var partial = server.PathOf($".bits-{Guid.Parse(session):N}.part");
        File.Delete(partial);
        File.CreateSymbolicLink(partial, outside);
        using var second = await server.Client.FragmentAsync("/uploads/a.bin", session, file, 100, 199);
        second.AssertAck(500, "0x8020001F");
        Assert.Equal("keep", await File.ReadAllTextAsync(outside));
        Assert.False(File.Exists(server.PathOf("a.bin")));
    }

    [Fact]
    public async Task CreateSession_DirectorySymlinkOnThePath_403AndNothingWrittenOutside()
    {
        await using var server = await UploadServer.StartAsync();
        var outside = Directory.CreateDirectory(Path.Combine(server.Parent, "elsewhere")).FullName;
        Directory.CreateSymbolicLink(server.PathOf("link"), outside);
        using var response = await server.Client.SendAsync("Create-Session", "/uploads/link/a.bin", edit: r => r.Headers.TryAddWithoutValidation("BITS-Supported-Protocols", Bits.Protocol));
        response.AssertAck(403, "0x80070005");
        Assert.Empty(Directory.EnumerateFileSystemEntries(outside));
    }

    [Fact]
    public async Task Upload_IntoASubdirectory_LandsThere()
    {
        await using var server = await UploadServer.StartAsync();
        Directory.CreateDirectory(server.PathOf("sub/deeper"));
        var file = Bits.RandomFile(100);
        var (_, last) = await server.Client.UploadAsync("/uploads/sub/deeper/r%C3%A9sum%C3%A9%20v2.bin", file, 100);
        last.Dispose();
        Assert.Equal(file, await File.ReadAllBytesAsync(server.PathOf("sub/deeper/résumé v2.bin")));
    }
}
