using Orleans.Transfer.Worker.OwnerFiles;

namespace Orleans.Transfer.Worker.LocalPaths;

/// <summary>Checks local paths with the owner's rights, all of a request's in one operation (<see cref="IOwnerFileSystem.CheckDestinationsAsync"/>).</summary>
internal sealed class OwnerLocalPathChecker(IOwnerFileSystem files) : ILocalPathChecker
{
    // The request's field that names the job's owner (the create's; add-files checks as the job's owner).
    private const string OwnerField = "owner";

    public async Task CheckAsync(string? owner, IReadOnlyList<LocalPathCheck> paths, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (paths.Count == 0)
        {
            return;
        }

        // The one copy on the way to the owner's threads, which read it as it is.
        var localPaths = paths.Select(p => p.Path).ToArray();
        DestinationRefusal? refusal;
        try
        {
            refusal = await files.CheckDestinationsAsync(owner, localPaths, cancellationToken).ConfigureAwait(false);
        }
        catch (OwnerFileException e)
        {
            // Nothing is wrong with the paths: the service cannot act for the owner (its message says what to change).
            throw new TransferJobException(e.Code, $"{OwnerField}: {e.Message}", OwnerField);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The checks answer in codes, not exceptions: this is the service failing to take on the owner's rights.
            throw new TransferJobException(
                TransferErrorCode.LocalIoError,
                $"{OwnerField}: the local paths could not be checked with the owner's rights: {e.Message} Try again; if it persists, check that the service may still act with its owners' rights (docs/security.md).",
                OwnerField);
        }

        if (refusal is { } refused)
        {
            throw Refused(paths[refused.Index], refused.Code);
        }
    }

    private static TransferJobException Refused(LocalPathCheck check, TransferErrorCode code)
    {
        var (path, field) = check;
        var directory = Path.GetDirectoryName(path);
        return code switch
        {
            TransferErrorCode.InvalidLocalPath => new TransferJobException(
                code, $"{field} '{path}' is an existing directory; give a file name inside it.", field),
            TransferErrorCode.DestinationNotFound => new TransferJobException(
                code, $"{field}: the directory '{directory}' does not exist; create it first.", field),
            _ => new TransferJobException(
                TransferErrorCode.DestinationNotWritable,
                $"{field}: the job's owner cannot create files in '{directory}' (or cannot reach it); grant the owner write access, or choose another directory.",
                field),
        };
    }
}
