using Orleans.Transfer.Http;

namespace Orleans.Transfer.Worker;

/// <summary>
/// Reads a client certificate once, when a job's owner sets it: files with the owner's rights (off the grain
/// scheduler, on an owner thread), a store only where the platform offers the owner's. Registered by
/// <see cref="HttpTransportServiceCollectionExtensions.AddHttpTransport"/>.
/// </summary>
public interface IClientCertificateReader
{
    /// <summary>
    /// Loads the certificate and its private key. Throws <see cref="TransferJobException"/> with
    /// <see cref="TransferErrorCode.ClientCertificateInvalid"/> naming the field and the file when it cannot be used.
    /// </summary>
    /// <param name="owner">The job's owner, whose rights the files are read with.</param>
    /// <param name="spec">What to read (already validated).</param>
    /// <param name="cancellationToken">Stops the read.</param>
    Task<LoadedClientCertificate> ReadAsync(string owner, ClientCertificateSpec spec, CancellationToken cancellationToken);
}
