using Orleans.Transfer.Worker.OwnerFiles;

namespace Orleans.Transfer.Worker.Finishing;

/// <summary>Finishes files on this machine's file systems, with the owner's rights (<see cref="IOwnerFileSystem"/>).</summary>
internal sealed class LocalFileFinisher(IOwnerFileSystem files) : IFileFinisher
{
    public async Task MoveIntoPlaceAsync(
        string? owner, string tempPath, string localPath, FileIdentity? expected = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            await files.MoveIntoPlaceAsync(owner, tempPath, localPath, replace: true, expected, cancellationToken).ConfigureAwait(false);
        }
        catch (OwnerFileException e)
        {
            throw new TransferJobException(e.Code, $"could not move '{tempPath}' to '{localPath}': {e.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TransferJobException(
                TransferErrorCode.RenameFailed,
                $"could not move '{tempPath}' to '{localPath}': {e.Message}");
        }
    }

    public Task<Exception?> DeleteAsync(string? owner, string path, CancellationToken cancellationToken = default) =>
        files.DeleteTempAsync(owner, path, cancellationToken);
}
