namespace Orleans.Transfer.Storage.Catalog;

/// <summary>The statements that write a job's catalog row (<see cref="DapperJobCatalog"/>), both dialects.</summary>
internal static class JobRowSql
{
    /// <summary>A job's row and everything kept under its id (history, destination claims, a reservation).</summary>
    public const string Delete = """
        DELETE FROM transfer_job_history WHERE job_id = @JobId;
        DELETE FROM transfer_destination WHERE job_id = @JobId;
        DELETE FROM transfer_job_reservation WHERE job_id = @JobId;
        DELETE FROM transfer_job WHERE id = @JobId
        """;

    // `created` is not in the SET list: it never changes, and SQLite rewrites every index holding a SET column whatever
    // the values (ix_transfer_job_created at every state change). A row missing here is inserted whole.
    public const string Upsert = """
        INSERT INTO transfer_job (id, owner, display_name, state, priority, bytes_total, bytes_transferred,
                                  files_total, files_transferred, created, modified, silo, pinned_host,
                                  complete_when_transferred)
        VALUES (@Id, @Owner, @DisplayName, @State, @Priority, @BytesTotal, @BytesTransferred,
                @FilesTotal, @FilesTransferred, @Created, @Modified, @Silo, @PinnedHost, @CompleteWhenTransferred)
        ON CONFLICT (id) DO UPDATE SET
            owner = excluded.owner,
            display_name = excluded.display_name,
            state = excluded.state,
            priority = excluded.priority,
            bytes_total = excluded.bytes_total,
            bytes_transferred = excluded.bytes_transferred,
            files_total = excluded.files_total,
            files_transferred = excluded.files_transferred,
            modified = excluded.modified,
            silo = excluded.silo,
            pinned_host = excluded.pinned_host,
            complete_when_transferred = excluded.complete_when_transferred
        """;

    // A new job's row: a row already under the id belongs to an earlier create of the same id (no id comes back). The
    // counts then include this row, whose insert locked them until the transaction ends. One batch with the counts, so
    // the lock on the service's counter, which every create needs, is held for this round trip and the commit's (and,
    // in a create, the state write's: DapperJobCatalog.ReserveWithAsync).
    public const string Insert = """
        INSERT INTO transfer_job (id, owner, display_name, state, priority, bytes_total, bytes_transferred,
                                  files_total, files_transferred, created, modified, silo, pinned_host,
                                  complete_when_transferred)
        VALUES (@Id, @Owner, @DisplayName, @State, @Priority, @BytesTotal, @BytesTransferred,
                @FilesTotal, @FilesTransferred, @Created, @Modified, @Silo, @PinnedHost, @CompleteWhenTransferred)
        ON CONFLICT (id) DO NOTHING
        RETURNING id;
        """;

    // The row of a job whose state is written later (IJobCatalog.TryReserveAsync), marked reserved until confirmed.
    public const string Reserve = Insert + """

        INSERT INTO transfer_job_reservation (job_id, reserved_at) VALUES (@Id, @Created) ON CONFLICT (job_id) DO NOTHING;
        """;
}
