namespace Orleans.Transfer.Worker.Finishing;

/// <summary>
/// Finishes files off the grain scheduler: renames and deletes block on a slow disk or a network share, and the job
/// grain must keep answering meanwhile. Both act with the rights of the job's <c>owner</c> (its owner string, see
/// docs/security.md).
/// </summary>
public interface IFileFinisher
{
    /// <summary>
    /// Moves <paramref name="tempPath"/> to <paramref name="localPath"/>, replacing a regular file there but nothing
    /// else. Throws a <see cref="TransferJobException"/> naming both paths when the move fails: RenameFailed, or
    /// DestinationNotRegularFile when a directory, device, FIFO, socket or symbolic link is at the destination. With
    /// <paramref name="expected"/> (the last checkpoint's file), only that file is moved, and only when no writer holds
    /// it (DestinationInUse): the fence against a stale activation's move after a takeover (docs/cluster.md).
    /// </summary>
    Task MoveIntoPlaceAsync(
        string? owner, string tempPath, string localPath, FileIdentity? expected = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Moves many finished files into place, in order, as <see cref="MoveIntoPlaceAsync"/> moves each, and stops at the
    /// first that fails: its failure is returned with how many were moved before it, instead of thrown. An
    /// implementation may move them in fewer trips to the owner's threads (one job of many small files).
    /// </summary>
    async Task<FileMovesResult> MoveManyIntoPlaceAsync(
        string? owner, IReadOnlyList<FileMove> moves, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(moves);
        for (var i = 0; i < moves.Count; i++)
        {
            try
            {
                await MoveIntoPlaceAsync(owner, moves[i].TempPath, moves[i].LocalPath, moves[i].Expected, cancellationToken).ConfigureAwait(false);
            }
            catch (TransferJobException e)
            {
                return new FileMovesResult(i, e);
            }
        }

        return new FileMovesResult(moves.Count, null);
    }

    /// <summary>
    /// Deletes a temporary file if it exists and is still the service's; returns the failure, or why it was left
    /// alone, instead of throwing (clean-up is best effort).
    /// </summary>
    Task<Exception?> DeleteAsync(string? owner, string path, CancellationToken cancellationToken = default);
}
