using Microsoft.Extensions.DependencyInjection;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Worker.Tests.Transports.Smb;

/// <summary>What the registry makes of smb URLs and UNC paths given as job input, and how it routes them for a run.</summary>
public sealed class SmbNormalizationTests : IDisposable
{
    private const string Field = "files[0].remoteUrl";
    private readonly ServiceProvider _services = SmbServices.Build(new FakeSmbClient());

    private TransportRegistry Registry => _services.GetRequiredService<TransportRegistry>();

    public void Dispose() => _services.Dispose();

    [Theory]
    [InlineData(@"smb://FileServer/share/dir/big.iso", "smb://fileserver/share/dir/big.iso")]
    [InlineData(@"\\fileserver\share\dir\big.iso", "smb://fileserver/share/dir/big.iso")]
    [InlineData(@"smb://127.0.0.1:4450/xfer/a b.bin", "smb://127.0.0.1:4450/xfer/a%20b.bin")]
    [InlineData(@"\\127.0.0.1\xfer\a b.bin", "smb://127.0.0.1/xfer/a%20b.bin")]
    public void Resolve_SmbUrlOrUncPath_IsTheSameSmbUrl(string given, string stored)
    {
        foreach (var direction in new[] { TransferDirection.Download, TransferDirection.Upload })
        {
            var resolved = Registry.Resolve(given, Field, direction);

            Assert.Equal(new ResolvedRemote(stored, "smb", SupportsRanges: false), resolved);
        }
    }

    [Theory]
    [InlineData("smb://host/share/../etc/passwd", "'..'")]
    [InlineData("smb://host/share/%2e%2e/etc/passwd", "'..'")]
    [InlineData("smb://host/share/a%2fb", "separator")]
    [InlineData("smb://host/share/a%5cb", "separator")]
    [InlineData(@"\\host\share\..\a", "'..'")]
    [InlineData("smb://host/share/a?x=1", "query")]
    [InlineData("smb://host//a.bin", "no share")]
    [InlineData("smb://host/share", "no share and file")]
    [InlineData("smb://host/share/dir/", "empty path segment")]
    [InlineData(@"\\host\share", "no share and file")]
    public void Resolve_BadSmbName_IsInvalidUrlNamingTheField(string given, string why)
    {
        var error = Assert.Throws<TransferJobException>(() => Registry.Resolve(given, Field));

        Assert.Equal((TransferErrorCode.InvalidUrl, Field), (error.Code, error.Field));
        Assert.StartsWith(Field, error.Message, StringComparison.Ordinal);
        Assert.Contains(why, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_UserInfo_IsRefusedWithoutRepeatingThePassword()
    {
        var error = Assert.Throws<TransferJobException>(() => Registry.Resolve("smb://alice:s3cret@host/share/a.bin", Field));

        Assert.Equal((TransferErrorCode.InvalidUrl, Field), (error.Code, error.Field));
        Assert.DoesNotContain("s3cret", error.Message, StringComparison.Ordinal);
        Assert.Contains("--user", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(@"\\fileserver\share\dir\big.iso", "smb://fileserver/share/dir/big.iso")]
    [InlineData("smb://127.0.0.1:4450/xfer/a.bin", "smb://127.0.0.1:4450/xfer/a.bin")]
    public void ResolveForTransfer_UncOrSmb_GoesToTheSmbTransport(string remote, string url)
    {
        var endpoint = Registry.ResolveForTransfer(remote);

        Assert.Equal("smb", endpoint.Transport.Name);
        Assert.Equal(new Uri(url), endpoint.Address.Uri);
        Assert.False(endpoint.Address.IsLocalPath);
    }

    [Theory]
    [InlineData("smb://127.0.0.1/share/a", false)]
    [InlineData("smb://localhost/share/a", false)]
    [InlineData("smb://fileserver/share/a", true)]
    public void NeedsNetwork_OnlyLoopbackSharesStayReachableOffline(string remote, bool needsNetwork)
    {
        Assert.Equal(needsNetwork, Registry.ResolveForTransfer(remote).NeedsNetwork);
    }

    [Fact]
    public void Resolve_FileUrlOnAnotherHost_PointsToSmb()
    {
        var error = Assert.Throws<TransferJobException>(() => Registry.Resolve("file://fileserver/share/a.iso", Field));

        Assert.Equal(TransferErrorCode.UnsupportedScheme, error.Code);
        Assert.Contains("smb://fileserver/share/path", error.Message, StringComparison.Ordinal);
    }
}
