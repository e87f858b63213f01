using Orleans.Transfer.Http;

namespace Orleans.Transfer.Worker;

/// <summary>
/// The owner's certificate store (<see cref="ClientCertificateSource.Store"/>): behind an interface because only
/// Windows offers one per user; elsewhere it refuses.
/// </summary>
internal interface IClientCertificateStore
{
    /// <summary>
    /// Finds the certificate by thumbprint or subject in the owner's store and returns it with its key; throws
    /// <see cref="TransferJobException"/> (<see cref="TransferErrorCode.ClientCertificateInvalid"/>) otherwise.
    /// </summary>
    Task<LoadedClientCertificate> ReadAsync(string owner, ClientCertificateSpec spec, CancellationToken cancellationToken);
}
