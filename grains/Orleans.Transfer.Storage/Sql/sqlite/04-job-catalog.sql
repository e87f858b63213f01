-- The job catalog (DapperJobCatalog): a queryable copy of each job's headline facts, plus destination claims.
-- Ids are GUID text; times are UTC ISO-8601 text with seven fractional digits, so text order is time order.
CREATE TABLE IF NOT EXISTS transfer_job
(
    id                TEXT    NOT NULL PRIMARY KEY,
    owner             TEXT    NOT NULL,
    display_name      TEXT    NOT NULL,
    state             INTEGER NOT NULL,
    priority          INTEGER NOT NULL,
    bytes_total       INTEGER NULL,
    bytes_transferred INTEGER NOT NULL,
    files_total       INTEGER NOT NULL,
    files_transferred INTEGER NOT NULL,
    created           TEXT    NOT NULL,
    modified          TEXT    NOT NULL
);

CREATE INDEX IF NOT EXISTS ix_transfer_job_owner ON transfer_job (owner);
CREATE INDEX IF NOT EXISTS ix_transfer_job_state ON transfer_job (state);
-- Paged listings walk (created, id), the listing order, from the previous page's last row.
CREATE INDEX IF NOT EXISTS ix_transfer_job_created ON transfer_job (created, id);

-- One row per local path held by an unfinished job, so two jobs never write the same file.
CREATE TABLE IF NOT EXISTS transfer_destination
(
    local_path TEXT NOT NULL PRIMARY KEY,
    job_id     TEXT NOT NULL
);

CREATE INDEX IF NOT EXISTS ix_transfer_destination_job ON transfer_destination (job_id);
