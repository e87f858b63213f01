namespace Orleans.Transfer.Client.Connection;

/// <summary>Opens a connection to the local API and checks who serves it before anything is sent.</summary>
internal interface ILocalApiConnector
{
    /// <summary>The socket path or pipe the service is expected at, for messages.</summary>
    string Address { get; }

    /// <summary>Connects and verifies the server; returns the stream only when the server is trusted.</summary>
    /// <exception cref="TransferServiceUnavailableException">Nothing listens at <see cref="Address"/>.</exception>
    /// <exception cref="TransferJobException">ServiceNotTrusted: another account serves <see cref="Address"/>, or it could not be verified.</exception>
    ValueTask<Stream> ConnectAsync(CancellationToken cancellationToken);
}
