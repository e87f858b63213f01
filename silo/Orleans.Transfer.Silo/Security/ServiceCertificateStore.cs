using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Orleans.Transfer.Silo.Security;

/// <summary>
/// The service certificate: <c>DATA/tls/service.pfx</c> (private key; created self-signed on first use, readable by
/// the service account only) and <c>DATA/tls/service.crt</c> (public part, readable by all, for clients to pin). A
/// file that exists but cannot be used stops the silo: quietly making a new one would lock out every client that
/// pinned the old one.
/// </summary>
public sealed class ServiceCertificateStore(TimeProvider timeProvider)
{
    public const string DirectoryName = "tls";
    public const string PrivateFileName = "service.pfx";
    public const string PublicFileName = "service.crt";
    public const string SubjectName = "CN=Orleans.Transfer service";

    /// <summary>Long enough never to expire in service; renewal is deleting the files (and handing out the new .crt).</summary>
    public static readonly TimeSpan Validity = TimeSpan.FromDays(30 * 365);

    private const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";

    /// <summary>
    /// Loads <paramref name="configuredPath"/>, or else the default certificate of <paramref name="dataDirectory"/>
    /// (creating it the first time), and writes its public part to <c>DATA/tls/service.crt</c>.
    /// </summary>
    /// <exception cref="ServiceCertificateException">A file is corrupt, unreadable, unprotected or cannot be written.</exception>
    public ServiceCertificate Open(string dataDirectory, string? configuredPath = null)
    {
        var directory = Path.Combine(dataDirectory, DirectoryName);
        var path = configuredPath ?? Path.Combine(directory, PrivateFileName);
        var publicPath = Path.Combine(directory, PublicFileName);
        Guard(directory, () => SecureFiles.CreateDirectory(directory));

        var created = false;
        if (configuredPath is null && !File.Exists(path))
        {
            using var fresh = CreateSelfSigned();
            Guard(path, () => SecureFiles.WritePrivate(path, fresh.Export(X509ContentType.Pkcs12)));
            created = true;
        }
        else if (configuredPath is null && SecureFiles.WhyNotPrivate(path) is { } reason)
        {
            throw new ServiceCertificateException(
                $"The service certificate {path} is not private: {reason}. Its private key may have been copied: delete "
                + $"{path} and {publicPath} so the silo makes a new certificate (then give clients the new {PublicFileName}), "
                + $"or, if you are sure it was not, run 'chmod 600 {path}'.");
        }

        var certificate = Load(path);
        var pem = Encoding.ASCII.GetBytes(certificate.ExportCertificatePem() + "\n");
        if (!File.Exists(publicPath) || !File.ReadAllBytes(publicPath).AsSpan().SequenceEqual(pem))
        {
            Guard(publicPath, () => SecureFiles.WritePublic(publicPath, pem));
        }

        return new ServiceCertificate(certificate, path, publicPath, created);
    }

    /// <summary>Loads a PKCS#12 file without a password that holds a certificate and its private key.</summary>
    /// <exception cref="ServiceCertificateException">The file is missing, unreadable, corrupt or has no private key.</exception>
    public static X509Certificate2 Load(string path)
    {
        // Checked first: on Linux the loader reports a missing file as a cryptographic error.
        if (!File.Exists(path))
        {
            throw new ServiceCertificateException(
                $"The service certificate {path} does not exist (or this account cannot see it). Copy the cluster's .pfx there, "
                + $"or unset {OrleansTlsOptions.SectionName}:CertificatePath to use a certificate the silo creates.");
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password: null);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new ServiceCertificateException(
                $"The service certificate {path} cannot be read by this account ({Environment.UserName}): run the silo as the "
                + "service account that owns it.", ex);
        }
        catch (CryptographicException ex)
        {
            throw new ServiceCertificateException(
                $"The service certificate {path} is corrupt or password-protected ({ex.Message}). Restore it from a backup, or "
                + $"delete it and {PublicFileName} beside it so the silo makes a new one (clients then need the new {PublicFileName}).", ex);
        }

        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            throw new ServiceCertificateException(
                $"The service certificate {path} holds no private key; it must be a .pfx with the certificate and its key.");
        }

        return certificate;
    }

    /// <summary>A self-signed ECDSA P-256 certificate for both ends of a TLS connection (server and client authentication).</summary>
    public X509Certificate2 CreateSelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(SubjectName, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(ServerAuthentication), new Oid(ClientAuthentication)], critical: false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));

        // A day back, for clocks of other silos or clients that run a little behind.
        var now = timeProvider.GetUtcNow();
        return request.CreateSelfSigned(now.AddDays(-1), now.Add(Validity));
    }

    private static void Guard(string path, Action action)
    {
        try
        {
            action();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ServiceCertificateException(
                $"Cannot write {path} ({ex.Message}): the silo's account must own its data directory and the {DirectoryName} folder in it.", ex);
        }
    }
}
