using Orleans.Transfer.Http;

namespace Orleans.Transfer.Worker;

/// <summary>A client certificate read for a job: what to store (encrypted) and what to show.</summary>
/// <param name="Pkcs12">The certificate and its private key as PKCS#12 without a password; a secret.</param>
/// <param name="Info">What callers see.</param>
public sealed record LoadedClientCertificate(ReadOnlyMemory<byte> Pkcs12, ClientCertificateInfo Info)
{
    /// <inheritdoc />
    public override string ToString() => $"LoadedClientCertificate {{ Info = {Info} }}";
}
