using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;
using Orleans.Transfer.Worker.OwnerFiles;

namespace Orleans.Transfer.Worker;

/// <summary>
/// Files on SMB shares (issue 13, B07, B47, B64, B128): downloads read them (<see cref="SmbSource"/>), uploads write
/// a hidden temporary file on the share and rename it into place (<see cref="SmbUploadSink"/>). Names are
/// <c>smb://host[:port]/share/path</c> or <c>\\host\share\path</c> (the registry gives both as the smb URL), stored as
/// <see cref="SmbLocation.ToUrl"/>. Whole files only: SMB has no byte ranges here. The share's user is the job's
/// server credential (<see cref="SmbCredentials"/>).
/// </summary>
internal sealed partial class SmbTransport(ISmbClient client, TimeProvider time, ILogger<SmbTransport> logger)
    : IDownloadTransport, IUploadTransport
{
    /// <summary>How long a background delete of an upload's temporary file may take before it is given up.</summary>
    private static readonly TimeSpan s_discardTimeout = TimeSpan.FromMinutes(2);

    public string Name => "smb";

    public IReadOnlyList<string> Schemes { get; } = ["smb"];

    public bool SupportsRanges => false;

    public bool NeedsNetwork(RemoteAddress remote) => !remote.Uri.IsLoopback;

    public string Normalize(RemoteAddress remote, string field)
    {
        if (!SmbLocation.TryParse(remote.Remote, out var location, out var problem))
        {
            // A URL with a password in it is never repeated.
            var shown = remote.Uri.UserInfo.Length == 0 ? $" '{remote.Remote}'" : string.Empty;
            throw new TransferJobException(TransferErrorCode.InvalidUrl, $"{field}{shown} {problem}.", field);
        }

        return location.ToUrl();
    }

    /// <summary>A share is opened with the job's credential: without the request there is none.</summary>
    public ITransferSource CreateSource(RemoteAddress remote) =>
        throw new InvalidOperationException("An smb source needs the job's request; use the overload that takes it.");

    public ITransferSource CreateSource(RemoteAddress remote, FileTransferRequest request, IOwnerFileSystem files) =>
        new SmbSource(client, RemoteOf(remote, request, TransferDirection.Download));

    public ITransferSink CreateSink(RemoteAddress remote, FileTransferRequest request)
    {
        var smb = RemoteOf(remote, request, TransferDirection.Upload);
        return new SmbUploadSink(client, smb, SmbTempNames.For(smb.Location, request.JobId, request.FileIndex), logger);
    }

    public void DiscardInBackground(RemoteAddress remote, FileTransferRequest request) =>
        _ = Task.Run(() => DiscardAsync(remote, request));

    /// <summary>Deletes the upload's temporary file on the share; logs, never throws (tests await it).</summary>
    internal async Task DiscardAsync(RemoteAddress remote, FileTransferRequest request)
    {
        SmbLocation temp;
        try
        {
            var smb = RemoteOf(remote, request, TransferDirection.Upload);
            temp = SmbTempNames.For(smb.Location, request.JobId, request.FileIndex);
            using var timeout = new CancellationTokenSource(s_discardTimeout, time);
            await client.DeleteAsync(temp, smb.Credential, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SmbException or TransferFailedException or OperationCanceledException)
        {
            LogTempNotDeleted(logger, request.JobId, request.FileIndex, ex.Message);
            return;
        }

        LogTempDeleted(logger, request.JobId, request.FileIndex, temp);
    }

    private static SmbRemote RemoteOf(RemoteAddress remote, FileTransferRequest request, TransferDirection direction)
    {
        if (!SmbLocation.TryParse(remote.Remote, out var location, out var problem))
        {
            throw new TransferFailedException(new TransferFailure(
                TransferErrorCode.InvalidUrl,
                ErrorContext.RemoteFile,
                $"The remote name {problem}; fix it (xfer job set-remote-url) and resume the job.",
                HttpStatus: null,
                IsTransient: false));
        }

        return new SmbRemote(location, SmbCredentials.For(new Uri(location.ToUrl()), request), request.JobId, direction);
    }
}
