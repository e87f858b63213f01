using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Time.Testing;
using Orleans.Transfer.Silo.Security;

namespace Orleans.Transfer.Integration.Tests;

public sealed class ServiceCertificateStoreTests : IDisposable
{
    private static readonly DateTimeOffset s_now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly string _home = Directory.CreateTempSubdirectory("xfer-certs-").FullName;
    private readonly ServiceCertificateStore _store = new(new FakeTimeProvider(s_now));

    private string PrivatePath => Path.Combine(_home, "tls", "service.pfx");

    private string PublicPath => Path.Combine(_home, "tls", "service.crt");

    public void Dispose() => Directory.Delete(_home, recursive: true);

    [Fact]
    public void Open_FirstTime_CreatesSelfSignedServiceCertificate()
    {
        var opened = _store.Open(_home);

        using var certificate = opened.Certificate;
        Assert.True(opened.Created);
        Assert.Equal(PrivatePath, opened.Path);
        Assert.Equal(PublicPath, opened.PublicPath);
        Assert.True(certificate.HasPrivateKey);
        Assert.Equal("CN=Orleans.Transfer service", certificate.Subject);
        Assert.Equal(certificate.Subject, certificate.Issuer);
        Assert.Equal(s_now.AddDays(-1).UtcDateTime, certificate.NotBefore.ToUniversalTime());
        Assert.Equal(s_now.Add(ServiceCertificateStore.Validity).UtcDateTime, certificate.NotAfter.ToUniversalTime());
        var usages = Assert.Single(certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>()).EnhancedKeyUsages.Cast<Oid>().Select(o => o.Value);
        Assert.Equal(["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"], usages);
        Assert.NotNull(certificate.GetECDsaPublicKey());
    }

    [Fact]
    public void Open_FirstTime_WritesPublicPartThatMatches()
    {
        using var certificate = _store.Open(_home).Certificate;

        using var published = X509CertificateLoader.LoadCertificateFromFile(PublicPath);
        Assert.Equal(CertificateThumbprint.Of(certificate), CertificateThumbprint.Of(published));
        Assert.False(published.HasPrivateKey);
    }

    [Fact]
    public void Open_Again_ReusesTheSameCertificate()
    {
        using var first = _store.Open(_home).Certificate;

        var second = _store.Open(_home);

        using var reused = second.Certificate;
        Assert.False(second.Created);
        Assert.Equal(CertificateThumbprint.Of(first), CertificateThumbprint.Of(reused));
    }

    [Fact]
    public void Open_PublicPartMissingOrStale_RewritesItFromThePrivateFile()
    {
        using var certificate = _store.Open(_home).Certificate;
        File.WriteAllText(PublicPath, "stale");

        using var _ = _store.Open(_home).Certificate;

        using var published = X509CertificateLoader.LoadCertificateFromFile(PublicPath);
        Assert.Equal(CertificateThumbprint.Of(certificate), CertificateThumbprint.Of(published));
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void Open_OnUnix_KeyIsPrivateAndPublicPartReadable()
    {
        using var _ = _store.Open(_home).Certificate;

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(PrivatePath));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, File.GetUnixFileMode(PublicPath));
        Assert.Equal(
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute,
            File.GetUnixFileMode(Path.Combine(_home, "tls")));
        Assert.Equal(["service.crt", "service.pfx"], Directory.GetFiles(Path.Combine(_home, "tls")).Select(Path.GetFileName).Order());
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void Open_KeyReadableByOthers_RefusesNamingTheFile()
    {
        using (_store.Open(_home).Certificate)
        {
            File.SetUnixFileMode(PrivatePath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
        }

        var error = Assert.Throws<ServiceCertificateException>(() => _store.Open(_home));

        Assert.Contains($"The service certificate {PrivatePath} is not private", error.Message, StringComparison.Ordinal);
        Assert.Contains("mode 0604", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_CorruptKeyFile_RefusesNamingTheFileAndKeepsIt()
    {
        using (_store.Open(_home).Certificate)
        {
            File.WriteAllText(PrivatePath, "not a certificate");
        }

        var error = Assert.Throws<ServiceCertificateException>(() => _store.Open(_home));

        Assert.Contains($"The service certificate {PrivatePath} is corrupt", error.Message, StringComparison.Ordinal);
        Assert.Equal("not a certificate", File.ReadAllText(PrivatePath));
    }

    [Fact]
    public void Open_ConfiguredPath_UsesItAndPublishesItsPublicPart()
    {
        var shared = Path.Combine(_home, "cluster.pfx");
        using (var cluster = _store.CreateSelfSigned())
        {
            File.WriteAllBytes(shared, cluster.Export(X509ContentType.Pkcs12));
        }

        var opened = _store.Open(_home, shared);

        using var certificate = opened.Certificate;
        Assert.False(opened.Created);
        Assert.Equal(shared, opened.Path);
        Assert.False(File.Exists(PrivatePath));
        using var published = X509CertificateLoader.LoadCertificateFromFile(PublicPath);
        Assert.Equal(CertificateThumbprint.Of(certificate), CertificateThumbprint.Of(published));
    }

    [Fact]
    public void Open_ConfiguredPathMissing_RefusesInsteadOfCreating()
    {
        var missing = Path.Combine(_home, "cluster.pfx");

        var error = Assert.Throws<ServiceCertificateException>(() => _store.Open(_home, missing));

        Assert.Contains($"The service certificate {missing} does not exist", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(missing));
    }

    [Fact]
    public void Load_CertificateWithoutKey_Refuses()
    {
        var publicOnly = Path.Combine(_home, "public.pfx");
        using (var certificate = _store.CreateSelfSigned())
        using (var withoutKey = X509CertificateLoader.LoadCertificate(certificate.RawData))
        {
            File.WriteAllBytes(publicOnly, withoutKey.Export(X509ContentType.Pkcs12));
        }

        var error = Assert.Throws<ServiceCertificateException>(() => ServiceCertificateStore.Load(publicOnly));

        Assert.Contains("holds no private key", error.Message, StringComparison.Ordinal);
    }
}
