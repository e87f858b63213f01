using Microsoft.Extensions.DependencyInjection;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Worker.Tests;

/// <summary>
/// The one scheme table: job input through <see cref="ITransportRegistry.Resolve"/> (the rules and messages of the
/// grain's former validator), requests through <see cref="TransportRegistry.ResolveForTransfer"/>.
/// </summary>
public sealed class TransportRegistryTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("xfer-registry-").FullName;
    private readonly ServiceProvider _services = new ServiceCollection().AddLogging().AddTransferWorker().BuildServiceProvider();

    private TransportRegistry Registry => _services.GetRequiredService<TransportRegistry>();

    public void Dispose()
    {
        _services.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void AddTransferWorker_RegistersHttpFileAndSmb_AsThePublicRegistry()
    {
        var registry = _services.GetRequiredService<ITransportRegistry>();

        Assert.Same(Registry, registry);
        Assert.Equal(["http", "https", "file", "smb"], registry.Schemes);
    }

    [Theory]
    [InlineData("http://example.test/a.iso", "http://example.test/a.iso", "http")]
    [InlineData("https://example.test:8443/dir/a.iso?x=1", "https://example.test:8443/dir/a.iso?x=1", "https")]
    [InlineData("HTTP://Example.test/A.iso", "HTTP://Example.test/A.iso", "http")]
    [InlineData("file:///tmp/a.iso", "file:///tmp/a.iso", "file")]
    [InlineData("file://localhost/tmp/a.iso", "file://localhost/tmp/a.iso", "file")]
    public void Resolve_Supported_IsNormalisedToItsTransport(string url, string expected, string scheme)
    {
        var resolved = Registry.Resolve(url, "remoteUrl");

        Assert.Equal(expected, resolved.RemoteName);
        Assert.Equal(scheme == "file" ? "file" : "http", resolved.Transport);
    }

    [Fact]
    public void Resolve_AbsolutePath_BecomesAFileUrl()
    {
        var path = Path.Combine(_directory, "a b.bin");

        var resolved = Registry.Resolve(path, "remoteUrl");

        Assert.Equal(new Uri(path).AbsoluteUri, resolved.RemoteName);
        Assert.StartsWith("file://", resolved.RemoteName, StringComparison.Ordinal);
        Assert.Equal("file", resolved.Transport);
    }

    [Theory]
    [InlineData("ftp://example.test/a", TransferErrorCode.UnsupportedScheme, "files[0].remoteUrl uses the scheme 'ftp', which is not supported; use http, https, file or smb.")]
    [InlineData("gopher://example.test/a", TransferErrorCode.UnsupportedScheme, "files[0].remoteUrl uses the scheme 'gopher', which is not supported; use http, https, file or smb.")]
    [InlineData("not a url", TransferErrorCode.InvalidUrl, "files[0].remoteUrl 'not a url' is not an absolute URL; use http://, https://, file:// or smb://.")]
    [InlineData("relative/path.iso", TransferErrorCode.InvalidUrl, "files[0].remoteUrl 'relative/path.iso' is not an absolute URL; use http://, https://, file:// or smb://.")]
    [InlineData("", TransferErrorCode.InvalidUrl, "files[0].remoteUrl is required: give the URL to download.")]
    [InlineData("   ", TransferErrorCode.InvalidUrl, "files[0].remoteUrl is required: give the URL to download.")]
    [InlineData(null, TransferErrorCode.InvalidUrl, "files[0].remoteUrl is required: give the URL to download.")]
    [InlineData("file://fileserver/share/a.iso", TransferErrorCode.UnsupportedScheme, @"files[0].remoteUrl names a file on host 'fileserver'; for a file on a network share use smb://fileserver/share/path (or \\fileserver\share\path) instead of a file URL.")]
    [InlineData("user:secret@host/a", TransferErrorCode.UnsupportedScheme, "files[0].remoteUrl uses the scheme 'user', which is not supported; use http, https, file or smb.")]
    public void Resolve_Bad_IsRejectedWithCodeFieldAndMessage(string? url, TransferErrorCode code, string message)
    {
        var error = Assert.Throws<TransferJobException>(() => Registry.Resolve(url, "files[0].remoteUrl"));

        Assert.Equal(code, error.Code);
        Assert.Equal("files[0].remoteUrl", error.Field);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Resolve_NotAbsoluteWithCredentials_RedactsThemInTheMessage()
    {
        var error = Assert.Throws<TransferJobException>(() => Registry.Resolve("x y://user:secret@host/a", "remoteUrl"));

        Assert.Equal(TransferErrorCode.InvalidUrl, error.Code);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
        Assert.Contains("x y://***@host/a", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_OverLimit_IsRejectedWithUrlTooLong()
    {
        var url = "http://example.test/" + new string('a', JobLimits.MaxUrlLength);

        var error = Assert.Throws<TransferJobException>(() => Registry.Resolve(url, "remoteUrl"));

        Assert.Equal(TransferErrorCode.UrlTooLong, error.Code);
        Assert.Equal($"remoteUrl is {url.Length} characters; the limit is {JobLimits.MaxUrlLength}.", error.Message);
    }

    [Fact]
    public void Resolve_AtLimit_IsAccepted()
    {
        var url = "http://example.test/" + new string('a', JobLimits.MaxUrlLength - "http://example.test/".Length);

        Assert.Equal(url, Registry.Resolve(url, "remoteUrl").RemoteName);
    }

    [Theory]
    [InlineData("http://example.test/a", "http")]
    [InlineData("file:///srv/a.bin", "file")]
    [InlineData("file://fileserver/share/a.bin", "file")]
    [InlineData("/srv/a.bin", "file")]
    public void ResolveForTransfer_PicksTheTransportByScheme(string url, string transport) =>
        Assert.Equal(transport, Registry.ResolveForTransfer(url).Transport.Name);

    [Theory]
    [InlineData("relative/a.bin", TransferErrorCode.InvalidUrl, "The remote URL is not an absolute http, https, file or smb URL; fix the URL and resume the job.")]
    [InlineData("ftp://example.test/a", TransferErrorCode.UnsupportedScheme, "The URL scheme 'ftp' is not supported; use http, https, file or smb.")]
    public void ResolveForTransfer_Unusable_FailsFatally(string url, TransferErrorCode code, string message)
    {
        var error = Assert.Throws<TransferFailedException>(() => Registry.ResolveForTransfer(url));

        Assert.Equal(code, error.Failure.Code);
        Assert.Equal(ErrorContext.RemoteFile, error.Failure.Context);
        Assert.False(error.Failure.IsTransient);
        Assert.Equal(message, error.Failure.Message);
    }

    [Theory]
    [InlineData("file:///srv/a.bin")]
    [InlineData("/srv/a.bin")]
    public void Resolve_DownloadOnlyForUpload_IsRefusedNamingTheSchemesThatUpload(string url)
    {
        var error = Assert.Throws<TransferJobException>(() => Registry.Resolve(url, "files[0].remoteUrl", TransferDirection.Upload));

        Assert.Equal(TransferErrorCode.UnsupportedScheme, error.Code);
        Assert.Equal("files[0].remoteUrl", error.Field);
        Assert.Equal(
            "files[0].remoteUrl uses the scheme 'file', whose transport 'file' can only download; to upload use http, https or smb.",
            error.Message);
    }

    [Theory]
    [InlineData("http://example.test/a")]
    [InlineData("https://example.test/a")]
    public void Resolve_HttpForUpload_GoesToTheBitsUploadTransport(string url)
    {
        Assert.Equal(new ResolvedRemote(url, "bits-upload"), Registry.Resolve(url, "files[0].remoteUrl", TransferDirection.Upload));
        Assert.Equal(new ResolvedRemote(url, "http"), Registry.Resolve(url, "files[0].remoteUrl"));
    }

    [Fact]
    public void ResolveForTransfer_DownloadOnlyForUpload_FailsFatally()
    {
        var error = Assert.Throws<TransferFailedException>(() => Registry.ResolveForTransfer("file:///srv/a.bin", TransferDirection.Upload));

        Assert.Equal(TransferErrorCode.UnsupportedScheme, error.Failure.Code);
        Assert.False(error.Failure.IsTransient);
        Assert.Equal(
            "The remote URL uses the scheme 'file', whose transport 'file' can only download; to upload use http, https or smb.",
            error.Failure.Message);
    }

    [Fact]
    public void ResolveForTransfer_Download_NamesTheDirection()
    {
        var remote = Registry.ResolveForTransfer("http://example.test/a");

        Assert.Equal(TransferDirection.Download, remote.Direction);
        Assert.IsAssignableFrom<IDownloadTransport>(remote.Transport);
    }

    [Fact]
    public void TwoTransportsClaimingOneScheme_AreRejectedAtStart()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new TransportRegistry([new FileTransport(), new FileTransport()]));

        Assert.Equal("The transports 'file' and 'file' both claim the scheme 'file' for downloads.", error.Message);
    }

    [Fact]
    public void ATransportServingNoDirection_IsRejectedAtStart()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new TransportRegistry([new DirectionlessTransport()]));

        Assert.Contains("'nowhere' neither downloads nor uploads", error.Message, StringComparison.Ordinal);
    }
}
