using System.Text.Json.Serialization;
using Orleans.Transfer.Http;

namespace Orleans.Transfer.Grains.State;

/// <summary>
/// A job's HTTP options (issue 11), stored with the job. Secrets are held only as ciphertext, in memory too: credentials'
/// passwords, the custom headers (one block, with their names in clear for display) and the client certificate. A job
/// whose options are all defaults has none of this (<see cref="TransferJobState.Http"/> is null), so its runs keep the
/// shared connection pool.
/// </summary>
public sealed class JobHttpState
{
    /// <summary>One per (target, scheme).</summary>
    [JsonPropertyName("Credentials")]
    public List<StoredCredential> Credentials { get; set; } = [];

    /// <summary>The custom headers' <c>Name: value</c> lines joined by CR LF, encrypted (<c>SecretPurposes.HttpCustomHeaders</c>).</summary>
    [JsonPropertyName("ProtectedHeaders")]
    public string? ProtectedHeaders { get; set; }

    /// <summary>The custom headers' names, in order, for display.</summary>
    [JsonPropertyName("HeaderNames")]
    public List<string> HeaderNames { get; set; } = [];

    [JsonPropertyName("Proxy")]
    public ProxySettings Proxy { get; set; } = ProxySettings.SystemDefault;

    [JsonPropertyName("Redirects")]
    public RedirectPolicy Redirects { get; set; }

    [JsonPropertyName("IgnoreCertificateErrors")]
    public CertificateErrors IgnoreCertificateErrors { get; set; }

    [JsonPropertyName("CheckRevocation")]
    public bool CheckRevocation { get; set; }

    [JsonPropertyName("DynamicContent")]
    public bool DynamicContent { get; set; }

    /// <summary>The most bytes the job's files may hold together, or null for no limit.</summary>
    [JsonPropertyName("MaxDownloadBytes")]
    public long? MaxDownloadBytes { get; set; }

    /// <summary>The client certificate and its key as base64 PKCS#12, encrypted (<c>SecretPurposes.ClientCertificate</c>).</summary>
    [JsonPropertyName("ProtectedClientCertificate")]
    public string? ProtectedClientCertificate { get; set; }

    /// <summary>What callers see of the client certificate; set exactly when <see cref="ProtectedClientCertificate"/> is.</summary>
    [JsonPropertyName("ClientCertificate")]
    public ClientCertificateInfo? ClientCertificate { get; set; }

    /// <summary>The most connections one file may be fetched over, or null for the service's default.</summary>
    [JsonPropertyName("Segments")]
    public int? Segments { get; set; }

    /// <summary>True when every option has its default: the job then stores and sends none.</summary>
    [JsonIgnore]
    public bool IsDefault =>
        Credentials.Count == 0 && ProtectedHeaders is null && Proxy.Usage == ProxyUsage.System && Redirects == RedirectPolicy.Allow
        && IgnoreCertificateErrors == CertificateErrors.None && !CheckRevocation && !DynamicContent && MaxDownloadBytes is null
        && ProtectedClientCertificate is null && Segments is null;
}
