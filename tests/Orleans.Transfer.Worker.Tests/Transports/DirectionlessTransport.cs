namespace Orleans.Transfer.Worker.Tests;

/// <summary>A transport that forgot to say which way it moves bytes: neither a download nor an upload transport.</summary>
internal sealed class DirectionlessTransport : ITransport
{
    public string Name => "nowhere";

    public IReadOnlyList<string> Schemes { get; } = ["nowhere"];

    public bool NeedsNetwork(RemoteAddress remote) => false;

    public string Normalize(RemoteAddress remote, string field) => remote.Remote;
}
