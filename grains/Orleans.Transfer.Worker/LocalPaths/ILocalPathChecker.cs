namespace Orleans.Transfer.Worker.LocalPaths;

/// <summary>
/// The create-time checks of a request's local paths that need the file system, made off the grain scheduler with the
/// rights of the job's <c>owner</c> (its owner string, see docs/security.md), so that the owner's rights decide and the
/// answers tell a caller nothing the owner could not find out. The paths have passed the pure checks: full paths that
/// name a file.
/// </summary>
public interface ILocalPathChecker
{
    /// <summary>
    /// Throws a <see cref="TransferJobException"/> naming the field of the first of <paramref name="paths"/> the owner
    /// cannot use: InvalidLocalPath when it is an existing directory, DestinationNotFound when its directory does not
    /// exist, DestinationNotWritable when the owner cannot create a file there (or cannot reach it, whether it exists or
    /// not). Writes nothing that stays; no paths, no work.
    /// </summary>
    Task CheckAsync(string? owner, IReadOnlyList<LocalPathCheck> paths, CancellationToken cancellationToken = default);
}
