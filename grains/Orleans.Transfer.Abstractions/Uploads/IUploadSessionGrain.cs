namespace Orleans.Transfer.Uploads;

/// <summary>
/// One upload session of the silo's BITS upload server, keyed by <see cref="UploadSessionGrainKey.Of"/> its
/// BITS-Session-Id and kept in grain storage: any
/// silo of the cluster serves any packet of the session through it, and a restart keeps it with its received bytes.
/// </summary>
[Alias("Orleans.Transfer.Uploads.IUploadSessionGrain")]
public interface IUploadSessionGrain : IGrainWithStringKey
{
    /// <summary>
    /// Stores <paramref name="session"/> (its id must be the one the grain's key is made of) unless the server already holds
    /// <paramref name="maxSessions"/> sessions or this one exists; false then.
    /// </summary>
    [Alias("Create")]
    Task<bool> CreateAsync(UploadSessionRecord session, int maxSessions);

    /// <summary>The session, or null when there is none.</summary>
    [Alias("Get")]
    Task<UploadSessionRecord?> GetAsync();

    /// <summary>Replaces the session if its stored version is <paramref name="updated"/>'s minus one; false otherwise or when it is gone.</summary>
    [Alias("TryUpdate")]
    Task<bool> TryUpdateAsync(UploadSessionRecord updated);

    /// <summary>Removes the session; false when it was already gone.</summary>
    [Alias("Delete")]
    Task<bool> DeleteAsync();
}
