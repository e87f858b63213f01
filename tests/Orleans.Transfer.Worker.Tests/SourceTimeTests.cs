using System.Globalization;

namespace Orleans.Transfer.Worker.Tests;

/// <summary>B47: a downloaded file takes its source's last-write time, whatever the transport.</summary>
public sealed class SourceTimeTests : WorkerTestBase
{
    [Fact]
    public async Task Start_LocalFile_TheTempFileTakesTheSourcesExactLastWriteTime()
    {
        var source = Path.Combine(Scratch, "src.bin");
        await File.WriteAllBytesAsync(source, new byte[1000]);
        var written = new DateTime(2024, 2, 29, 12, 34, 56, 789, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(source, written);
        var request = Request(source);

        AssertCompleted(await RunAsync(request));

        Assert.Equal(written, File.GetLastWriteTimeUtc(request.TempPath));
    }

    [Fact]
    public async Task Start_Http_TheTempFileTakesLastModified()
    {
        Origin.AddGenerated("t.bin", MiB, seed: 1);
        var request = Request(Origin.UrlFor("t.bin").ToString());

        var completed = AssertCompleted(await RunAsync(request));

        var lastModified = DateTimeOffset.ParseExact(completed.Checkpoint.LastModified!, "R", CultureInfo.InvariantCulture);
        Assert.Equal(lastModified.UtcDateTime, File.GetLastWriteTimeUtc(request.TempPath));
    }
}
