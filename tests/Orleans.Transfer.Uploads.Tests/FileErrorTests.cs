using Orleans.Transfer.Uploads.Files;

namespace Orleans.Transfer.Uploads.Tests;

public sealed class FileErrorTests
{
    [Fact]
    public void AckFor_DiskFull_500DiskFull()
    {
        var full = OperatingSystem.IsWindows() ? new IOException("full", unchecked((int)0x80070070)) : new IOException("full", 28);
        var ack = UploadFileStore.AckFor(full)!;
        Assert.Equal(500, ack.Status);
        Assert.Equal(0x80070070u, ack.Error);
    }

    [Fact]
    public void AckFor_AccessDenied_403()
    {
        var ack = UploadFileStore.AckFor(new UnauthorizedAccessException("no"))!;
        Assert.Equal(403, ack.Status);
        Assert.Equal(0x80070005u, ack.Error);
    }

    [Fact]
    public void AckFor_NotAFileError_Null() => Assert.Null(UploadFileStore.AckFor(new InvalidOperationException()));
}
