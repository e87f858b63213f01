using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Orleans.Transfer.Worker.Tests.Transports.Http.Options.Peers;

/// <summary>Certificates made for a test with CertificateRequest: a private CA, servers, and clients.</summary>
internal static class TestCertificates
{
    private const string ServerAuth = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuth = "1.3.6.1.5.5.7.3.2";

    public static X509Certificate2 CreateAuthority(string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }

    /// <summary>
    /// A server certificate for 127.0.0.1 (or <paramref name="dnsName"/>), self-signed or issued by
    /// <paramref name="issuer"/>, naming <paramref name="crlUrl"/> as its CRL distribution point when given.
    /// </summary>
    public static X509Certificate2 CreateServer(X509Certificate2? issuer = null, string? dnsName = null, Uri? crlUrl = null) =>
        Create("CN=xfer test server", ServerAuth, issuer, crlUrl, names =>
        {
            if (dnsName is null)
            {
                names.AddIpAddress(IPAddress.Loopback);
            }
            else
            {
                names.AddDnsName(dnsName);
            }
        });

    public static X509Certificate2 CreateClient(string subject = "CN=xfer test client", X509Certificate2? issuer = null) =>
        Create(subject, ClientAuth, issuer, crlUrl: null, names: null);

    /// <summary>A CRL of <paramref name="authority"/> that revokes <paramref name="revoked"/>.</summary>
    public static byte[] CreateRevocationList(X509Certificate2 authority, params X509Certificate2[] revoked)
    {
        var builder = new CertificateRevocationListBuilder();
        foreach (var certificate in revoked)
        {
            builder.AddEntry(certificate, DateTimeOffset.UtcNow.AddHours(-1), X509RevocationReason.KeyCompromise);
        }

        return builder.Build(authority, 1, DateTimeOffset.UtcNow.AddDays(1), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    private static X509Certificate2 Create(
        string subject, string usage, X509Certificate2? issuer, Uri? crlUrl, Action<SubjectAlternativeNameBuilder>? names)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(usage)], false));
        if (names is not null)
        {
            var builder = new SubjectAlternativeNameBuilder();
            names(builder);
            request.CertificateExtensions.Add(builder.Build());
        }

        if (crlUrl is not null)
        {
            request.CertificateExtensions.Add(CertificateRevocationListBuilder.BuildCrlDistributionPointExtension([crlUrl.ToString()]));
        }

        var notBefore = DateTimeOffset.UtcNow.AddDays(-1);
        var notAfter = DateTimeOffset.UtcNow.AddDays(10);
        if (issuer is null)
        {
            return request.CreateSelfSigned(notBefore, notAfter);
        }

        using var issued = request.Create(issuer, notBefore, notAfter, RandomNumberGenerator.GetBytes(12));
        return issued.CopyWithPrivateKey(key);
    }
}
