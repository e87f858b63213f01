namespace Orleans.Transfer.Worker.Tests;

public sealed class LocalFileTests : WorkerTestBase
{
    [Fact]
    public async Task Start_FileUrl_CopiesByteIdentical()
    {
        var source = WriteSource("src.bin", (2 * MiB) + 5);
        var request = Request(new Uri(source).AbsoluteUri);

        var events = await RunAsync(request);

        var completed = AssertCompleted(events);
        Assert.Equal((2 * MiB) + 5, completed.Checkpoint.BytesWritten);
        Assert.Equal(Sha256Of(source), Sha256Of(request.TempPath));
        Assert.Contains(events, e => e.Kind == TransferEventKind.Checkpoint);
    }

    [Fact]
    public async Task Start_AbsolutePathResumed_CopiesOnlyTheRest()
    {
        var source = WriteSource("src2.bin", 2 * MiB);
        var lastModified = File.GetLastWriteTimeUtc(source).ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        var request = Request(source, new FileCheckpoint(MiB, 2 * MiB, null, lastModified, false));
        File.WriteAllBytes(request.TempPath, File.ReadAllBytes(source)[..MiB].Concat(new byte[10]).ToArray());

        var events = await RunAsync(request);

        AssertCompleted(events);
        Assert.Equal(MiB, events[0].Checkpoint.BytesWritten);
        Assert.Equal(Sha256Of(source), Sha256Of(request.TempPath));
    }

    [Fact]
    public async Task Start_FileUrlWithRanges_WritesRangesContiguously()
    {
        var source = WriteSource("src3.bin", MiB);
        var request = Request(source, ranges: [new ByteRange(100, 10), new ByteRange(0, 5)]);

        var events = await RunAsync(request);

        AssertCompleted(events);
        var bytes = File.ReadAllBytes(source);
        Assert.Equal([.. bytes[100..110], .. bytes[0..5]], File.ReadAllBytes(request.TempPath));
    }

    [Fact]
    public async Task Start_MissingSource_FailsFatallyWithSourceNotFound()
    {
        var request = Request(Path.Combine(Scratch, "nope.bin"));

        var failure = AssertFailed(await RunAsync(request));

        Assert.Equal(TransferErrorCode.SourceNotFound, failure.Code);
        Assert.False(failure.IsTransient);
    }

    [Fact]
    public async Task Start_TempDirectoryMissing_FailsFatallyWithDestinationNotFound()
    {
        var source = WriteSource("src4.bin", 10);
        var request = Request(source) with { TempPath = Path.Combine(Scratch, "no-such-dir", "x.tmp") };

        var failure = AssertFailed(await RunAsync(request));

        Assert.Equal(TransferErrorCode.DestinationNotFound, failure.Code);
        Assert.Equal(ErrorContext.LocalFile, failure.Context);
        Assert.False(failure.IsTransient);
    }

    private string WriteSource(string name, int length)
    {
        var path = Path.Combine(Scratch, name);
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
