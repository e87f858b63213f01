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
        catch (Exception e) when (IsMoveFailure(e))
        {
            throw Failure(e, tempPath, localPath);
        }
    }

    public async Task<FileMovesResult> MoveManyIntoPlaceAsync(
        string? owner, IReadOnlyList<FileMove> moves, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(moves);
        cancellationToken.ThrowIfCancellationRequested();
        var (moved, error) = await files.MoveManyIntoPlaceAsync(owner, moves, replace: true, cancellationToken).ConfigureAwait(false);
        return error is null ? new FileMovesResult(moved, null) : new FileMovesResult(moved, Failure(error, moves[moved].TempPath, moves[moved].LocalPath));
    }

    /// <summary>What the owner's file system throws (or returns, for many moves) when a move fails.</summary>
    private static bool IsMoveFailure(Exception error) => error is OwnerFileException or IOException or UnauthorizedAccessException;

    private static TransferJobException Failure(Exception error, string tempPath, string localPath) => error is OwnerFileException refused
        ? new TransferJobException(refused.Code, $"could not move '{tempPath}' to '{localPath}': {refused.Message}")
        : new TransferJobException(TransferErrorCode.RenameFailed, $"could not move '{tempPath}' to '{localPath}': {error.Message}");

    public Task<Exception?> DeleteAsync(string? owner, string path, CancellationToken cancellationToken = default) =>
        files.DeleteTempAsync(owner, path, cancellationToken);
}
