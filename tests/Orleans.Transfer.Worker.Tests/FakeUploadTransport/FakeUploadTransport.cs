using Orleans.Transfer.Testing.FakeTransport;

namespace Orleans.Transfer.Worker.Tests;

/// <summary>
/// Uploads to <c>fake://</c> URLs on a <see cref="FakeReceiver"/>: the same scheme the fake download transport
/// claims, as a BITS upload transport shares http with the http download transport.
/// </summary>
internal sealed class FakeUploadTransport(FakeReceiver receiver) : IUploadTransport
{
    public string Name => "fake-upload";

    public IReadOnlyList<string> Schemes { get; } = [FakeRemote.Scheme];

    public bool NeedsNetwork(RemoteAddress address) => false;

    public string Normalize(RemoteAddress address, string field) =>
        string.IsNullOrEmpty(address.Uri.Host)
            ? throw new TransferJobException(TransferErrorCode.InvalidUrl, $"{field} has no fake host.", field)
            : address.Uri.AbsoluteUri;

    public ITransferSink CreateSink(RemoteAddress address, FileTransferRequest request) =>
        new FakeUploadSink(receiver[address.Uri.AbsoluteUri], address.Uri.AbsoluteUri);
}
