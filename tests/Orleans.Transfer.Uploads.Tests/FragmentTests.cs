namespace Orleans.Transfer.Uploads.Tests;

public sealed class FragmentTests
{
    [Fact]
    public async Task Fragments_InOrder_FileAppearsOnlyAtTheLastByte()
    {
        await using var server = await UploadServer.StartAsync();
        var file = Bits.RandomFile(12_288);
        var session = await server.Client.CreateSessionAsync("/uploads/a.bin");
        for (var first = 0; first < file.Length; first += 4096)
        {
            Assert.False(File.Exists(server.PathOf("a.bin")));
            using var ack = await server.Client.FragmentAsync("/uploads/a.bin", session, file, first, first + 4095);
            ack.AssertAck(200);
            Assert.Equal((first + 4096).ToString(System.Globalization.CultureInfo.InvariantCulture), ack.Header("BITS-Received-Content-Range"));
            Assert.Equal(session, ack.Header("BITS-Session-Id"));
            Assert.Null(ack.Header("BITS-Reply-URL"));
        }

        Assert.Equal(file, await File.ReadAllBytesAsync(server.PathOf("a.bin")));
        Assert.Equal(["root/a.bin"], server.AllFiles());
    }

    [Fact]
    public async Task Fragment_AfterAGap_416WithTheNextByte()
    {
        await using var server = await UploadServer.StartAsync();
        var file = Bits.RandomFile(3000);
        var session = await server.Client.CreateSessionAsync("/uploads/a.bin");
        using var first = await server.Client.FragmentAsync("/uploads/a.bin", session, file, 0, 999);
        using var gap = await server.Client.FragmentAsync("/uploads/a.bin", session, file, 2000, 2999);
        gap.AssertAck(416);
        Assert.Equal("1000", gap.Header("BITS-Received-Content-Range"));
    }

    [Fact]
    public async Task Fragment_Overlapping_WritesOnlyTheNewTail()
    {
        await using var server = await UploadServer.StartAsync();
        var file = Bits.RandomFile(150);
        var session = await server.Client.CreateSessionAsync("/uploads/a.bin");
        using var first = await server.Client.FragmentAsync("/uploads/a.bin", session, file, 0, 99);

        // The overlapping part carries different bytes: had the server rewritten held bytes, the file would show them.
        var altered = (byte[])file.Clone();
        Array.Fill(altered, (byte)0xEE, 50, 50);
        using var overlap = await server.Client.FragmentAsync("/uploads/a.bin", session, altered, 50, 149);
        overlap.AssertAck(200);
        Assert.Equal("150", overlap.Header("BITS-Received-Content-Range"));
        Assert.Equal(file, await File.ReadAllBytesAsync(server.PathOf("a.bin")));
    }

    [Fact]
    public async Task Fragment_Duplicate_AcksTheNextByteAndChangesNothing()
    {
        await using var server = await UploadServer.StartAsync();
        var file = Bits.RandomFile(200);
        var session = await server.Client.CreateSessionAsync("/uploads/a.bin");
        using var first = await server.Client.FragmentAsync("/uploads/a.bin", session, file, 0, 99);
        var altered = (byte[])file.Clone();
        Array.Fill(altered, (byte)0xEE, 0, 100);
        using var again = await server.Client.FragmentAsync("/uploads/a.bin", session, altered, 0, 99);
        again.AssertAck(200);
        Assert.Equal("100", again.Header("BITS-Received-Content-Range"));
        using var rest = await server.Client.FragmentAsync("/uploads/a.bin", session, file, 100, 199);
        Assert.Equal(file, await File.ReadAllBytesAsync(server.PathOf("a.bin")));
    }

    [Fact]
    public async Task Fragment_RetriedAfterCommit_AcksEverythingAgain()
    {
        await using var server = await UploadServer.StartAsync();
        var file = Bits.RandomFile(100);
        var (session, last) = await server.Client.UploadAsync("/uploads/a.bin", file, 100);
        last.Dispose();
        using var again = await server.Client.FragmentAsync("/uploads/a.bin", session, file, 0, 99);
        again.AssertAck(200);
        Assert.Equal("100", again.Header("BITS-Received-Content-Range"));
        Assert.Equal(file, await File.ReadAllBytesAsync(server.PathOf("a.bin")));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("bytes 0-9")]
    [InlineData("bytes 9-0/10")]
    [InlineData("bytes 0-10/10")]
    [InlineData("bytes a-9/10")]
    [InlineData("items 0-9/10")]
    [InlineData("bytes 0-9/*")]
    [InlineData("bytes -1-9/10")]
    [InlineData("bytes */10")]
    [InlineData("bytes 0-4/10")]
    public async Task Fragment_MalformedContentRange_400InvalidArg(string? range)
    {
        await using var server = await UploadServer.StartAsync();
        var session = await server.Client.CreateSessionAsync("/uploads/a.bin");
        using var response = await server.Client.SendAsync("Fragment", "/uploads/a.bin", session, new byte[10], range);
        response.AssertAck(400, "0x80070057");
    }

    [Fact]
    public async Task Fragment_TotalChanged_400InvalidArg()
    {
        await using var server = await UploadServer.StartAsync();
        var session = await server.Client.CreateSessionAsync("/uploads/a.bin");
        using var first = await server.Client.SendAsync("Fragment", "/uploads/a.bin", session, new byte[10], "bytes 0-9/100");
        first.AssertAck(200);
        using var second = await server.Client.SendAsync("Fragment", "/uploads/a.bin", session, new byte[10], "bytes 10-19/200");
        second.AssertAck(400, "0x80070057");
    }

    [Theory]
    [InlineData("bytes */0")]
    [InlineData("bytes 0--1/0")]
    public async Task Fragment_EmptyFile_CommitsAnEmptyFile(string range)
    {
        await using var server = await UploadServer.StartAsync();
        var session = await server.Client.CreateSessionAsync("/uploads/empty.bin");
        using var response = await server.Client.SendAsync("Fragment", "/uploads/empty.bin", session, [], range);
        response.AssertAck(200);
        Assert.Equal("0", response.Header("BITS-Received-Content-Range"));
        Assert.Equal(0, new FileInfo(server.PathOf("empty.bin")).Length);
    }

    [Fact]
    public async Task Fragment_SizeAnExactMultiple_LastFullFragmentCommits()
    {
        await using var server = await UploadServer.StartAsync();
        var file = Bits.RandomFile(8192);
        var (_, last) = await server.Client.UploadAsync("/uploads/a.bin", file, 4096);
        using (last)
        {
            Assert.Equal("8192", last.Header("BITS-Received-Content-Range"));
        }

        Assert.Equal(file, await File.ReadAllBytesAsync(server.PathOf("a.bin")));
    }

    [Fact]
    public async Task Fragment_ResumedFromAnotherConnection_ContinuesAtTheServersOffset()
    {
        await using var server = await UploadServer.StartAsync();
        var file = Bits.RandomFile(3000);
        var session = await server.Client.CreateSessionAsync("/uploads/a.bin");
        using var first = await server.Client.FragmentAsync("/uploads/a.bin", session, file, 0, 999);
        using var other = new HttpClient { BaseAddress = server.Address };
        using var ping = await other.SendAsync("Ping", "/uploads/a.bin");
        using var rest = await other.FragmentAsync("/uploads/a.bin", session, file, 1000, 2999);
        rest.AssertAck(200);
        Assert.Equal(file, await File.ReadAllBytesAsync(server.PathOf("a.bin")));
    }

    [Fact]
    public async Task Fragment_SameRangeTwiceAtOnce_BothAckedAndTheFileIntact()
    {
        await using var server = await UploadServer.StartAsync();
        var file = Bits.RandomFile(64 * 1024);
        var session = await server.Client.CreateSessionAsync("/uploads/a.bin");
        using var other = new HttpClient { BaseAddress = server.Address };
        var acks = await Task.WhenAll(
            server.Client.FragmentAsync("/uploads/a.bin", session, file, 0, 32767),
            other.FragmentAsync("/uploads/a.bin", session, file, 0, 32767));
        foreach (var ack in acks)
        {
            ack.AssertAck(200);
            Assert.Equal("32768", ack.Header("BITS-Received-Content-Range"));
            ack.Dispose();
        }

        using var rest = await server.Client.FragmentAsync("/uploads/a.bin", session, file, 32768, file.Length - 1);
        rest.AssertAck(200);
        Assert.Equal(file, await File.ReadAllBytesAsync(server.PathOf("a.bin")));
    }
}
