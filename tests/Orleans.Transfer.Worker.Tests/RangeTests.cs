namespace Orleans.Transfer.Worker.Tests;

public sealed class RangeTests : WorkerTestBase
{
    private static readonly ByteRange[] s_ranges = [new(500_000, 1000), new(10, 20), new(1_040_000, null)];

    [Fact]
    public async Task Start_ThreeRangesOutOfOrder_WritesThemContiguously()
    {
        var file = Origin.AddGenerated("r.bin", MiB, seed: 20);
        var request = Request(Origin.UrlFor("r.bin").ToString(), ranges: s_ranges);

        var events = await RunAsync(request);

        var completed = AssertCompleted(events);
        var expected = Expected(file);
        Assert.Equal(expected.Length, completed.Checkpoint.BytesTotal);
        Assert.Equal(expected, File.ReadAllBytes(request.TempPath));
        Assert.Equal(["bytes=500000-500999", "bytes=10-29", "bytes=1040000-"], file.RangeHeaders);
        Assert.Equal(expected.Length, events.First(e => e.Kind == TransferEventKind.Connected).Checkpoint.BytesTotal);
    }

    [Fact]
    public async Task Start_RangesResumed_MapsCheckpointToRangeAndOffset()
    {
        var file = Origin.AddGenerated("m.bin", MiB, seed: 21);
        var expected = Expected(file);
        var request = Request(
            Origin.UrlFor("m.bin").ToString(),
            new FileCheckpoint(1010, expected.Length, file.ETag, null, false),
            s_ranges);
        File.WriteAllBytes(request.TempPath, expected[..1010].Concat(new byte[50]).ToArray());

        var events = await RunAsync(request);

        AssertCompleted(events);
        Assert.Equal(expected, File.ReadAllBytes(request.TempPath));
        Assert.Equal(["bytes=20-29", "bytes=1040000-"], file.RangeHeaders);
    }

    [Fact]
    public async Task Start_RangeOutsideFile_FailsFatallyWithInvalidRange()
    {
        Origin.AddGenerated("o.bin", MiB, seed: 22);
        var request = Request(Origin.UrlFor("o.bin").ToString(), ranges: [new ByteRange(2 * MiB, 10)]);

        var failure = AssertFailed(await RunAsync(request));

        Assert.Equal(TransferErrorCode.InvalidRange, failure.Code);
        Assert.False(failure.IsTransient);
    }

    [Fact]
    public async Task Start_RangeEndPastFile_FailsFatallyWithInvalidRange()
    {
        Origin.AddGenerated("e.bin", MiB, seed: 23);
        var request = Request(Origin.UrlFor("e.bin").ToString(), ranges: [new ByteRange(MiB - 10, 100)]);

        var failure = AssertFailed(await RunAsync(request));

        Assert.Equal(TransferErrorCode.InvalidRange, failure.Code);
    }

    [Fact]
    public async Task Start_RangesFromServerIgnoringRange_FailsFatallyWithInvalidServerResponse()
    {
        var file = Origin.AddGenerated("ig.bin", MiB, seed: 24);
        file.IgnoreRange = true;
        var request = Request(Origin.UrlFor("ig.bin").ToString(), ranges: s_ranges);

        var failure = AssertFailed(await RunAsync(request));

        Assert.Equal(TransferErrorCode.InvalidServerResponse, failure.Code);
        Assert.False(failure.IsTransient);
        Assert.Contains("ignored the Range request", failure.Message, StringComparison.Ordinal);
    }

    private static byte[] Expected(TestOrigin.OriginFile file) =>
        [.. file.Read(500_000, 1000), .. file.Read(10, 20), .. file.Read(1_040_000, (int)(file.Length - 1_040_000))];
}
