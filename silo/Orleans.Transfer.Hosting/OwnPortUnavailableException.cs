namespace Orleans.Transfer.Hosting;

/// <summary>
/// A surface's port cannot be bound (another program or another silo holds it, or the account may not use it). The
/// message names the surface, the address and port, and the setting to change.
/// </summary>
public sealed class OwnPortUnavailableException : Exception
{
    public OwnPortUnavailableException()
    {
    }

    public OwnPortUnavailableException(string message)
        : base(message)
    {
    }

    public OwnPortUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
