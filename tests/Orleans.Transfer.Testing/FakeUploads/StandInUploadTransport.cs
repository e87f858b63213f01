using Orleans.Transfer.Worker;

namespace Orleans.Transfer.Testing.FakeUploads;

/// <summary>
/// Claims http and https uploads for job validation in silos whose upload runs a test scripts, so that the grain's
/// upload jobs can be tested without the BITS upload transport; its sink is never asked for.
/// </summary>
internal sealed class StandInUploadTransport : IUploadTransport
{
    public string Name => "stand-in-upload";

    public IReadOnlyList<string> Schemes { get; } = [Uri.UriSchemeHttp, Uri.UriSchemeHttps];

    public bool NeedsNetwork(RemoteAddress remote) => false;

    public string Normalize(RemoteAddress remote, string field) =>
        string.IsNullOrEmpty(remote.Uri.Host)
            ? throw new TransferJobException(TransferErrorCode.InvalidUrl, $"{field} has no host; give the upload server's URL.", field)
            : remote.Uri.AbsoluteUri;

    public ITransferSink CreateSink(RemoteAddress remote, FileTransferRequest request) =>
        throw new InvalidOperationException("The stand-in upload transport only validates URLs: the test's worker runs uploads.");
}
