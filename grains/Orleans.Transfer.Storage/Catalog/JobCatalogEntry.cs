namespace Orleans.Transfer.Storage.Catalog;

/// <summary>One row of the job catalog: the queryable copy of a job's headline facts.</summary>
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
    DateTimeOffset Modified);
