using Orleans.Transfer.Client;

namespace Orleans.Transfer.Integration.Tests;

public sealed class TransferClientCertificateOptionsTests : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("xfer-client-certs-").FullName;

    public void Dispose() => Directory.Delete(_home, recursive: true);

    [Fact]
    public void UseServiceCertificates_NoTlsFolder_MeansNoTls()
    {
        var options = new TransferClientOptions { CertificatePath = "/stale.pfx", ServiceCertificatePath = "/stale.crt" };

        options.UseServiceCertificates(_home);

        Assert.Null(options.CertificatePath);
        Assert.Null(options.ServiceCertificatePath);
    }

    [Fact]
    public void UseServiceCertificates_BothFiles_UsesThem()
    {
        var tls = Directory.CreateDirectory(Path.Combine(_home, "tls")).FullName;
        File.WriteAllText(Path.Combine(tls, "service.pfx"), "key");
        File.WriteAllText(Path.Combine(tls, "service.crt"), "certificate");
        var options = new TransferClientOptions();

        options.UseServiceCertificates(_home);

        Assert.Equal(Path.Combine(tls, "service.pfx"), options.CertificatePath);
        Assert.Equal(Path.Combine(tls, "service.crt"), options.ServiceCertificatePath);
    }

    [Fact]
    public void UseServiceCertificates_OnlyPublicPart_PinsButConnectsWithoutTls()
    {
        var tls = Directory.CreateDirectory(Path.Combine(_home, "tls")).FullName;
        File.WriteAllText(Path.Combine(tls, "service.crt"), "certificate");
        var options = new TransferClientOptions();

        options.UseServiceCertificates(_home);

        Assert.Null(options.CertificatePath);
        Assert.Equal(Path.Combine(tls, "service.crt"), options.ServiceCertificatePath);
    }
}
