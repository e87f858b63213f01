namespace Orleans.Transfer.Http;

/// <summary>A job's HTTP options as callers see them: no password, no header value, no key.</summary>
/// <param name="Credentials">The credentials set: target, scheme and user name.</param>
/// <param name="CustomHeaderNames">The custom headers' names, in order.</param>
/// <param name="Proxy">The proxy settings.</param>
/// <param name="Redirects">The redirect policy.</param>
/// <param name="IgnoreCertificateErrors">The classes of server-certificate error ignored.</param>
/// <param name="CheckRevocation">Whether revocation is checked.</param>
/// <param name="DynamicContent">Whether the job's files are dynamic content.</param>
/// <param name="MaxDownloadBytes">The job's download size limit, or null for none.</param>
/// <param name="ClientCertificate">The client certificate, or null.</param>
/// <param name="Segments">The most connections one file may be fetched over, or null for the service's default.</param>
[GenerateSerializer, Immutable, Alias("Orleans.Transfer.Http.JobHttpInfo")]
public sealed record JobHttpInfo(
    IReadOnlyList<CredentialInfo> Credentials,
    IReadOnlyList<string> CustomHeaderNames,
    ProxySettings Proxy,
    RedirectPolicy Redirects,
    CertificateErrors IgnoreCertificateErrors,
    bool CheckRevocation,
    bool DynamicContent,
    long? MaxDownloadBytes,
    ClientCertificateInfo? ClientCertificate,
    int? Segments = null)
{
    /// <summary>A job with no HTTP options set.</summary>
    public static JobHttpInfo Default { get; } = new(
        [], [], ProxySettings.SystemDefault, RedirectPolicy.Allow, CertificateErrors.None, false, false, null, null);
}
