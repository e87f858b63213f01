namespace Orleans.Transfer.Storage.StoredState;

/// <summary>The statements of a batch create (<see cref="JobBatchWriter"/>): PostgreSQL's whole-batch ones (the claims are DestinationClaims'), and both dialects' counts.</summary>
internal static class JobBatchSql
{
    // The stored WriteToStorageKey query's insert (version 1, a row that must not exist yet), for every job at once.
    public const string PostgresStates = """
        INSERT INTO OrleansStorage
            (ServiceId, GrainTypeString, GrainIdN0, GrainIdN1, GrainIdExtensionString, PayloadBinary, Version, ModifiedOn)
        SELECT @ServiceId, @GrainTypeString, s.n0, s.n1, s.extension, s.payload, 1, now()
        FROM unnest(@N0, @N1, @Extensions, @Payloads) AS s (n0, n1, extension, payload)
        ON CONFLICT DO NOTHING
        RETURNING GrainIdN0, GrainIdN1
        """;

    // A batch of several owners takes their counter rows first, in the database's order of owners, as the insert's
    // statement-level trigger does anyway. A silo of the previous version starting later puts back per-row counting
    // triggers, which take each owner's row in job order while holding the service's: they would then deadlock
    // against another create.
    public const string PostgresLockOwners = """
        INSERT INTO transfer_job_count (owner, unfinished) SELECT o.owner, 0 FROM unnest(@Owners) AS o (owner) ORDER BY o.owner
        ON CONFLICT (owner) DO UPDATE SET unfinished = transfer_job_count.unfinished
        """;

    // The counts in the same round trip: the insert's trigger took the counters, which every other create waits for,
    // and holds them until the commit.
    public const string PostgresRows = """
        INSERT INTO transfer_job (id, owner, display_name, state, priority, bytes_total, bytes_transferred,
                                  files_total, files_transferred, created, modified, silo, pinned_host,
                                  complete_when_transferred)
        SELECT * FROM unnest(@Ids, @Owners, @DisplayNames, @States, @Priorities, @BytesTotal, @BytesTransferred,
                             @FilesTotal, @FilesTransferred, @Created, @Modified, @Silos, @PinnedHosts,
                             @CompleteWhenTransferred)
        ON CONFLICT (id) DO NOTHING
        RETURNING id;
        """ + PostgresCounts;

    public const string PostgresCounts = """
        SELECT owner, CAST(unfinished AS bigint) FROM transfer_job_count WHERE owner = ANY(@Owners);
        SELECT CAST(unfinished AS bigint) FROM transfer_job_total WHERE id = 1
        """;

    public const string SqliteCounts = """
        SELECT owner, CAST(unfinished AS bigint) FROM transfer_job_count WHERE owner IN (SELECT value FROM json_each(@Owners));
        SELECT CAST(unfinished AS bigint) FROM transfer_job_total WHERE id = 1
        """;
}
