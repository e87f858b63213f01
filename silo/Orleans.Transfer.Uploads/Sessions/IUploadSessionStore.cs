namespace Orleans.Transfer.Uploads.Sessions;

/// <summary>
/// Where the BITS upload server keeps its sessions, durably and shared by every server process: in the silo, upload
/// session grains in grain storage; in an ASP.NET Core app without Orleans, the SQL store (<c>Sessions/Sql/</c>) on
/// SQLite or PostgreSQL. Register one with the upload server (<c>AddBitsUploads</c>). Thread-safe.
/// </summary>
public interface IUploadSessionStore
{
    /// <summary>
    /// Adds <paramref name="session"/> unless the store already holds <paramref name="maxSessions"/> sessions; false
    /// then (the server answers 503 and the client retries later).
    /// </summary>
    Task<bool> TryCreateAsync(UploadSession session, int maxSessions, CancellationToken cancellationToken);

    /// <summary>The session with <paramref name="id"/>, or null when there is none (never created, closed or timed out).</summary>
    Task<UploadSession?> FindAsync(string id, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the session with <paramref name="updated"/> (its <see cref="UploadSession.Version"/> one more than the
    /// stored one) if the stored version is still <paramref name="updated"/>'s version minus one; false when another
    /// request changed it first or the session is gone.
    /// </summary>
    Task<bool> TryUpdateAsync(UploadSession updated, CancellationToken cancellationToken);

    /// <summary>Removes the session; false when it was already gone.</summary>
    Task<bool> DeleteAsync(string id, CancellationToken cancellationToken);

    /// <summary>At most <paramref name="max"/> sessions whose <see cref="UploadSession.LastActivity"/> is before <paramref name="before"/>.</summary>
    Task<IReadOnlyList<UploadSession>> ListIdleAsync(DateTimeOffset before, int max, CancellationToken cancellationToken);
}
