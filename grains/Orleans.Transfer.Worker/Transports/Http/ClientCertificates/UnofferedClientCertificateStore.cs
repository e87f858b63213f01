using Orleans.Transfer.Http;

namespace Orleans.Transfer.Worker;

/// <summary>
/// Certificate stores off Windows: refused. An X509Store here belongs to the service's account, not the job's owner,
/// so reading it would hand one user's certificates to another.
/// </summary>
internal sealed class UnofferedClientCertificateStore : IClientCertificateStore
{
    public Task<LoadedClientCertificate> ReadAsync(string owner, ClientCertificateSpec spec, CancellationToken cancellationToken) =>
        throw new TransferJobException(
            TransferErrorCode.ClientCertificateInvalid,
            "clientCertificate.source store is not offered on this platform: a certificate store here belongs to the service's account, "
                + "not to the job's owner. Give a PKCS#12 file (pkcs12File) or a PEM certificate and key (pemFiles) instead.",
            "clientCertificate.source");
}
