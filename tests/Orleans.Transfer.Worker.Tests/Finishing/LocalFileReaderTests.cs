using Microsoft.Extensions.DependencyInjection;
using Orleans.Transfer.Worker.Finishing;

namespace Orleans.Transfer.Worker.Tests;

/// <summary>The reply reader (B107): a whole small file, or a clear refusal naming the file.</summary>
public sealed class LocalFileReaderTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("xfer-reader-").FullName;
    private readonly ServiceProvider _services = new ServiceCollection().AddLogging().AddTransferWorker().BuildServiceProvider();

    // The service's own files: no owner, so the trusted-service account, by default the service itself.
    private IFileReader Reader => _services.GetRequiredService<IFileReader>();

    public void Dispose()
    {
        _services.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(300_000)]
    public async Task ReadAll_UpToTheLimit_ReturnsEveryByte(int length)
    {
        var content = Enumerable.Range(0, length).Select(i => (byte)(i * 31)).ToArray();
        var path = Path.Combine(_directory, "reply.bin");
        await File.WriteAllBytesAsync(path, content);

        Assert.Equal(content, await Reader.ReadAllAsync(null, path, maxBytes: 300_000));
    }

    [Fact]
    public async Task ReadAll_AboveTheLimit_IsTooLargeNamingTheFile()
    {
        var path = Path.Combine(_directory, "big.bin");
        await File.WriteAllBytesAsync(path, new byte[11]);

        var error = await Assert.ThrowsAsync<TransferJobException>(() => Reader.ReadAllAsync(null, path, maxBytes: 10));

        Assert.Equal(TransferErrorCode.TooLarge, error.Code);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAll_MissingFile_IsNotFoundNamingIt()
    {
        var path = Path.Combine(_directory, "missing.bin");

        var error = await Assert.ThrowsAsync<TransferJobException>(() => Reader.ReadAllAsync(null, path, maxBytes: 10));

        Assert.Equal(TransferErrorCode.NotFound, error.Code);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAll_Directory_IsRefused()
    {
        var error = await Assert.ThrowsAsync<TransferJobException>(() => Reader.ReadAllAsync(null, _directory, maxBytes: 10));

        Assert.Contains(_directory, error.Message, StringComparison.Ordinal);
    }
}
