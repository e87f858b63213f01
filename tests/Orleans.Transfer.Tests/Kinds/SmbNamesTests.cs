using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Transfer.Grains.Kinds.Download;
using Orleans.Transfer.Worker;

namespace Orleans.Transfer.Tests.Kinds;

/// <summary>What a download job makes of SMB names (B07: no ranges over SMB; UNC paths are smb URLs).</summary>
public sealed class SmbNamesTests
{
    // The real registry, as the silo builds it.
    private static readonly ITransportRegistry s_transports =
        new ServiceCollection().AddLogging().AddTransferWorker().BuildServiceProvider().GetRequiredService<ITransportRegistry>();

    private static readonly DownloadJobKind s_kind = new(s_transports, new GatedFileFinisher(), NullLogger<DownloadJobKind>.Instance);

    private static string Destination => Path.Combine(Path.GetTempPath(), "big.iso");

    [Fact]
    public void CreateFiles_UncPath_IsStoredAsTheSmbUrl()
    {
        var file = Assert.Single(s_kind.CreateFiles(Guid.NewGuid(), [new FileSpec(@"\\FileServer\share\dir\big.iso", Destination)]));

        Assert.Equal("smb://fileserver/share/dir/big.iso", file.RemoteUrl);
    }

    [Theory]
    [InlineData("smb://fileserver/share/dir/big.iso")]
    [InlineData(@"\\fileserver\share\dir\big.iso")]
    public void CreateFiles_SmbNameWithRanges_IsRefusedNamingTheField(string remote)
    {
        var error = Assert.Throws<TransferJobException>(() => s_kind.CreateFiles(
            Guid.NewGuid(), [new FileSpec("http://example.test/a", Destination), new FileSpec(remote, Destination, [new ByteRange(0, 10)])]));

        Assert.Equal((TransferErrorCode.InvalidRange, "files[1].remoteUrl"), (error.Code, error.Field));
        Assert.Contains("B07", error.Message, StringComparison.Ordinal);
    }
}
