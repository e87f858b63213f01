-- The job catalog (DapperJobCatalog): a queryable copy of each job's headline facts, plus destination claims.
CREATE TABLE IF NOT EXISTS transfer_job
(
    id                uuid        NOT NULL PRIMARY KEY,
    owner             text        NOT NULL,
    display_name      text        NOT NULL,
    state             integer     NOT NULL,
    priority          integer     NOT NULL,
    bytes_total       bigint      NULL,
    bytes_transferred bigint      NOT NULL,
    files_total       integer     NOT NULL,
    files_transferred integer     NOT NULL,
    created           timestamptz NOT NULL,
    modified          timestamptz NOT NULL
);

CREATE INDEX IF NOT EXISTS ix_transfer_job_owner ON transfer_job (owner);
CREATE INDEX IF NOT EXISTS ix_transfer_job_state ON transfer_job (state);
-- Paged listings walk (created, id), the listing order, from the previous page's last row.
CREATE INDEX IF NOT EXISTS ix_transfer_job_created ON transfer_job (created, id);

-- One row per local path held by an unfinished job, so two jobs never write the same file.
CREATE TABLE IF NOT EXISTS transfer_destination
(
    local_path text NOT NULL PRIMARY KEY,
    job_id     uuid NOT NULL
);

CREATE INDEX IF NOT EXISTS ix_transfer_destination_job ON transfer_destination (job_id);
