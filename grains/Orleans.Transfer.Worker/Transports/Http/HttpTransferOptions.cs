using Orleans.Transfer.Http;

namespace Orleans.Transfer.Worker;

/// <summary>
/// A job's HTTP options as one run uses them. Secrets are in plain text here, in memory only, for the handler that
/// sends them; <see cref="ToString"/> prints none of them. The job grain builds it from its encrypted state for each
/// run, so a change applies from the next request.
/// </summary>
public sealed class HttpTransferOptions
{
    /// <summary>Credentials for the server and the proxy, one per (target, scheme).</summary>
    public IReadOnlyList<JobCredential> Credentials { get; init; } = [];

    /// <summary>Custom headers sent on every request, in order (already validated).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>How the proxy is found.</summary>
    public ProxySettings Proxy { get; init; } = ProxySettings.SystemDefault;

    /// <summary>What a redirect does.</summary>
    public RedirectPolicy Redirects { get; init; }

    /// <summary>Server-certificate errors to ignore.</summary>
    public CertificateErrors IgnoreCertificateErrors { get; init; }

    /// <summary>Check the server certificate's revocation.</summary>
    public bool CheckRevocation { get; init; }

    /// <summary>No Range requests; an interruption restarts the file from zero.</summary>
    public bool DynamicContent { get; init; }

    /// <summary>
    /// The most connections one large file may be fetched over at once (segments), or null for the worker's
    /// <see cref="TransferWorkerOptions.Segments"/>; 1 keeps every file on one connection.
    /// </summary>
    public int? Segments { get; init; }

    /// <summary>The client certificate with its private key as PKCS#12 without a password, or null.</summary>
    public ReadOnlyMemory<byte>? ClientCertificate { get; init; }

    /// <summary>
    /// The origins (<see cref="OriginOf"/>: <c>scheme://host:port</c>) the job's files name: server credentials go to
    /// these only, so a redirect to another host, or to plain http on an https file's host and port, never receives them.
    /// </summary>
    public IReadOnlySet<string> ServerAuthorities { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>How <see cref="ServerAuthorities"/> names an origin: scheme, host and port, the port always written.</summary>
    /// <param name="uri">An absolute http or https URL.</param>
    public static string OriginOf(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return $"{uri.Scheme}://{uri.Host}:{uri.Port}";
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"HttpTransferOptions {{ Credentials = {Credentials.Count}, Headers = {Headers.Count}, Proxy = {Proxy.Usage}, "
        + $"Redirects = {Redirects}, IgnoreCertificateErrors = {IgnoreCertificateErrors}, CheckRevocation = {CheckRevocation}, "
        + $"DynamicContent = {DynamicContent}, Segments = {Segments}, ClientCertificate = {ClientCertificate is not null} }}";
}
