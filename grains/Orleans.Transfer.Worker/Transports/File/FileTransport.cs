using Orleans.Transfer.Worker.OwnerFiles;

namespace Orleans.Transfer.Worker;

/// <summary>Downloads local files, named by file URLs or absolute paths.</summary>
internal sealed class FileTransport : IDownloadTransport
{
    public string Name => "file";

    public IReadOnlyList<string> Schemes { get; } = [Uri.UriSchemeFile];

    /// <summary>UNC paths are network shares; other local files stay reachable offline.</summary>
    public bool NeedsNetwork(RemoteAddress remote)
    {
        var path = LocalPathOf(remote);
        return path.StartsWith(@"\\", StringComparison.Ordinal) || path.StartsWith("//", StringComparison.Ordinal);
    }

    public string Normalize(RemoteAddress remote, string field)
    {
        if (!remote.IsLocalPath && !remote.Uri.IsLoopback && !string.IsNullOrEmpty(remote.Uri.Host))
        {
            throw new TransferJobException(
                TransferErrorCode.UnsupportedScheme,
                $"{field} names a file on host '{remote.Uri.Host}'; for a file on a network share use smb://{remote.Uri.Host}/share/path "
                    + $"(or \\\\{remote.Uri.Host}\\share\\path) instead of a file URL.",
                field);
        }

        return remote.Uri.AbsoluteUri;
    }

    /// <summary>A local file is opened only with the owner's rights: without the request there is no owner.</summary>
    public ITransferSource CreateSource(RemoteAddress remote) =>
        throw new InvalidOperationException("A file source needs the job's owner; use the overload that takes the request.");

    public ITransferSource CreateSource(RemoteAddress remote, FileTransferRequest request, IOwnerFileSystem files) =>
        new FileSource(files, request.Owner, LocalPathOf(remote), ErrorContext.RemoteFile);

    private static string LocalPathOf(RemoteAddress remote) => remote.IsLocalPath ? remote.Remote : remote.Uri.LocalPath;
}
