namespace Orleans.Transfer.Worker;

/// <summary>A request's remote name resolved to the transport that reads it.</summary>
internal sealed record RemoteSource(ITransport Transport, RemoteAddress Address)
{
    /// <summary>False for sources that keep transferring while the machine is offline (loopback, local files).</summary>
    public bool NeedsNetwork => Transport.NeedsNetwork(Address);
}
