using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Orleans.Transfer.Tests.Http;

/// <summary>A self-signed client certificate with its RSA key, written as a password-protected PKCS#12 file.</summary>
internal sealed class TestClientCertificate : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("xfer-cert-").FullName;

    public TestClientCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=xfer test client", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        Thumbprint = certificate.Thumbprint;
        PrivateKeyBase64 = Convert.ToBase64String(key.ExportPkcs8PrivateKey());
        PrivateKeyPem = key.ExportPkcs8PrivateKeyPem();
        Path = System.IO.Path.Combine(_directory, "client.pfx");
        File.WriteAllBytes(Path, certificate.Export(X509ContentType.Pkcs12, Password));
    }

    public string Password { get; } = $"pfx-{Guid.NewGuid():N}";

    public string Path { get; }

    public string Thumbprint { get; }

    /// <summary>The private key as base64 PKCS#8 and as PEM: neither may reach storage.</summary>
    public string PrivateKeyBase64 { get; }

    public string PrivateKeyPem { get; }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
