namespace Orleans.Transfer.Worker.Finishing;

/// <summary>
/// Finishes files off the grain scheduler: renames and deletes block on a slow disk or a network share, and the job
/// grain must keep answering meanwhile.
/// </summary>
public interface IFileFinisher
{
    /// <summary>
    /// Moves <paramref name="tempPath"/> to <paramref name="localPath"/>, replacing it. Throws a
    /// <see cref="TransferJobException"/> (RenameFailed) naming both paths when the move fails.
    /// </summary>
    Task MoveIntoPlaceAsync(string tempPath, string localPath, CancellationToken cancellationToken = default);

    /// <summary>Deletes a file if it exists; returns the failure instead of throwing (clean-up is best effort).</summary>
    Task<Exception?> DeleteAsync(string path, CancellationToken cancellationToken = default);
}
