namespace Orleans.Transfer.Client;

/// <summary>
/// Nothing answers at the local API's address: its socket is missing or refuses connections, or no pipe of that name
/// exists. The service is not running there; a caller may start it and try again. Nothing was sent.
/// </summary>
/// <param name="address">The socket path or pipe.</param>
/// <param name="message">What is missing, and where.</param>
/// <param name="innerException">The connection's failure.</param>
public sealed class TransferServiceUnavailableException(string address, string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    /// <summary>The socket path or pipe nothing answers at.</summary>
    public string Address { get; } = address;
}
