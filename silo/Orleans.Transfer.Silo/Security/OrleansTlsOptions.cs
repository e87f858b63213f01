namespace Orleans.Transfer.Silo.Security;

/// <summary>
/// Transport security of the Orleans endpoints (configuration section <c>Transfer:Security</c>). The gateway forwards
/// whatever a client builds without checking it, so when TLS is on only holders of a trusted certificate get in.
/// </summary>
public sealed class OrleansTlsOptions
{
    public const string SectionName = "Transfer:Security";

    /// <summary>
    /// <c>Auto</c>, <c>On</c> or <c>Off</c>; see <see cref="OrleansTlsMode"/>. Default: Auto. Environment:
    /// <c>Transfer__Security__OrleansTls</c>.
    /// </summary>
    public OrleansTlsMode OrleansTls { get; set; } = OrleansTlsMode.Auto;

    /// <summary>
    /// A PKCS#12 file without a password holding the service certificate and its private key, shared by every silo of
    /// a cluster; it must exist. Default: null, meaning <c>$XFER_HOME/tls/service.pfx</c>, a self-signed certificate
    /// the silo creates on its first start with TLS on. Either way the silo writes the public part to
    /// <c>$XFER_HOME/tls/service.crt</c> for clients to pin.
    /// </summary>
    public string? CertificatePath { get; set; }

    /// <summary>
    /// SHA-256 thumbprints (64 hex digits; colons, spaces and case are ignored, so the output of
    /// <c>openssl x509 -noout -fingerprint -sha256</c> works) of client certificates the gateway accepts besides the
    /// service certificate itself. The silo-to-silo port accepts only the service certificate. Default: empty.
    /// </summary>
    public List<string> TrustedClientCertificates { get; set; } = [];
}
