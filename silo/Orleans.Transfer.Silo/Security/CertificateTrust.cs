using System.Security.Cryptography.X509Certificates;

namespace Orleans.Transfer.Silo.Security;

/// <summary>
/// Which remote certificates an Orleans endpoint accepts: the service certificate itself, and on the gateway the listed
/// client certificates. Equality of SHA-256 thumbprints, never chain trust: the certificates are self-signed, and a
/// certificate some CA issued to someone else must not get in.
/// </summary>
public sealed class CertificateTrust
{
    private readonly HashSet<string> _trusted;

    /// <param name="serviceCertificate">The service certificate, always trusted.</param>
    /// <param name="trustedThumbprints">More SHA-256 thumbprints, in any form <see cref="CertificateThumbprint.TryNormalize"/> accepts.</param>
    public CertificateTrust(X509Certificate2 serviceCertificate, IEnumerable<string> trustedThumbprints)
    {
        ServiceThumbprint = CertificateThumbprint.Of(serviceCertificate);
        _trusted = new HashSet<string>(StringComparer.Ordinal) { ServiceThumbprint };
        foreach (var text in trustedThumbprints)
        {
            _trusted.Add(CertificateThumbprint.TryNormalize(text, out var thumbprint)
                ? thumbprint
                : throw new ArgumentException($"'{text}' is not a SHA-256 thumbprint (64 hex digits)", nameof(trustedThumbprints)));
        }
    }

    public string ServiceThumbprint { get; }

    /// <summary>True when <paramref name="remote"/> is the service certificate.</summary>
    public bool IsServiceCertificate(X509Certificate2 remote) => CertificateThumbprint.Of(remote) == ServiceThumbprint;

    /// <summary>True when <paramref name="remote"/> is the service certificate or a trusted client certificate.</summary>
    public bool IsTrustedClient(X509Certificate2 remote) => _trusted.Contains(CertificateThumbprint.Of(remote));
}
