using System.Security.Cryptography.X509Certificates;
using Orleans.Transfer.Silo.Security;

namespace Orleans.Transfer.Integration.Tests;

/// <summary>
/// One real silo, privileged and so with TLS on, shared by the tests of <see cref="OrleansTlsTests"/>; it trusts one
/// extra client certificate, <see cref="ListedClientPath"/>, through <c>Transfer:Security:TrustedClientCertificates</c>.
/// </summary>
public sealed class TlsSiloFixture : IAsyncLifetime
{
    public string Root { get; } = Directory.CreateTempSubdirectory("xfer-tls-").FullName;

    /// <summary>The running silo; null when not privileged (every test is skipped then).</summary>
    public SiloProcess? Silo { get; private set; }

    /// <summary>A .pfx whose thumbprint the silo lists as a trusted client.</summary>
    public string ListedClientPath => Path.Combine(Root, "listed-client.pfx");

    public async Task InitializeAsync()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            return;
        }

        using var listed = new ServiceCertificateStore(TimeProvider.System).CreateSelfSigned();
        await File.WriteAllBytesAsync(ListedClientPath, listed.Export(X509ContentType.Pkcs12));
        Silo = new SiloProcess(
            Directory.CreateDirectory(Path.Combine(Root, "service")).FullName,
            new Dictionary<string, string> { ["Transfer__Security__TrustedClientCertificates__0"] = CertificateThumbprint.Of(listed) });
        await Silo.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (Silo is not null)
        {
            await Silo.DisposeAsync();
        }

        Directory.Delete(Root, recursive: true);
    }
}
