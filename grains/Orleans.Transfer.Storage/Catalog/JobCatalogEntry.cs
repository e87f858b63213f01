namespace Orleans.Transfer.Storage.Catalog;

/// <summary>One row of the job catalog: the queryable copy of a job's headline facts.</summary>
/// <remarks>
/// <see cref="Silo"/>: the silo that last activated the job (<c>SiloAddress.ToParsableString()</c>), or null.
/// <see cref="PinnedHost"/>: the host whose silos alone may run the job (a local path outside the shared roots), or null.
/// <see cref="CompleteWhenTransferred"/>: the service is to complete the job itself once transferred, so a Transferred
/// row with it is one a crash left between its Transferred and Acknowledged writes, which the silo's start-up wakes. False
/// while a failed completion waits for the owner, though the job's property is still set (docs/contracts.md).
/// </remarks>
public sealed record JobCatalogEntry(
    Guid Id,
    string DisplayName,
    JobState State,
    JobPriority Priority,
    string Owner,
    long? BytesTotal,
    long BytesTransferred,
    int FilesTotal,
    int FilesTransferred,
    DateTimeOffset Created,
    DateTimeOffset Modified,
    string? Silo = null,
    string? PinnedHost = null,
    bool CompleteWhenTransferred = false);
