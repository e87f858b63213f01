using Orleans.Transfer.Worker;

namespace Orleans.Transfer.Testing.FakeTransport;

/// <summary>The <c>fake://</c> download transport: reads <see cref="FakeRemote"/> files, resumable by ETag.</summary>
internal sealed class FakeTransport(FakeRemote remote) : IDownloadTransport
{
    public string Name => "fake";

    public IReadOnlyList<string> Schemes { get; } = [FakeRemote.Scheme];

    public bool NeedsNetwork(RemoteAddress address) => false;

    public string Normalize(RemoteAddress address, string field) =>
        string.IsNullOrEmpty(address.Uri.Host)
            ? throw new TransferJobException(TransferErrorCode.InvalidUrl, $"{field} has no fake host.", field)
            : address.Uri.AbsoluteUri;

    public ITransferSource CreateSource(RemoteAddress address) => new FakeSource(remote, address.Uri);
}
