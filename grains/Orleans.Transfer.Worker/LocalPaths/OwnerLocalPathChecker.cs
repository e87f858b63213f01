using Orleans.Transfer.Worker.OwnerFiles;

namespace Orleans.Transfer.Worker.LocalPaths;

/// <summary>Checks local paths with the owner's rights, all of a request's in one operation (<see cref="IOwnerFileSystem.CheckDestinationsAsync"/>).</summary>
internal sealed class OwnerLocalPathChecker(IOwnerFileSystem files) : ILocalPathChecker
{
    public async Task CheckAsync(string? owner, IReadOnlyList<LocalPathCheck> paths, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (paths.Count == 0)
        {
            return;
        }

        DestinationRefusal? refusal;
        try
        {
            refusal = await files.CheckDestinationsAsync(owner, paths.Select(p => p.Path).ToArray(), cancellationToken).ConfigureAwait(false);
        }
        catch (OwnerFileException e)
        {
            throw new TransferJobException(e.Code, $"{paths[0].Field}: {e.Message}", paths[0].Field);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TransferJobException(
                TransferErrorCode.LocalIoError, $"{paths[0].Field}: the local paths could not be checked: {e.Message}", paths[0].Field);
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
