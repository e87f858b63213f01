-- The job catalog (DapperJobCatalog): a queryable copy of each job's headline facts, plus destination claims.
-- Ids are GUID text; times are UTC ISO-8601 text with seven fractional digits, so text order is time order.
-- States in the index predicates are JobState ordinals: 7 Acknowledged and 8 Cancelled are final; 0 Queued,
-- 1 Connecting, 2 Transferring and 5 TransientError are active. The queries spell them the same way, which is how
-- SQLite knows a partial index applies.
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

-- Every query walks one of these in its own order and stops after a page: listings by (created, id), with or without
-- an owner and with or without final jobs; the start-up wake-up by (created, id) over active jobs; the inactivity
-- sweep and retention by (modified, id) over unfinished and final jobs.
CREATE INDEX IF NOT EXISTS ix_transfer_job_created ON transfer_job (created, id);
CREATE INDEX IF NOT EXISTS ix_transfer_job_owner_created ON transfer_job (owner, created, id);
CREATE INDEX IF NOT EXISTS ix_transfer_job_unfinished_created ON transfer_job (created, id) WHERE state NOT IN (7, 8);
CREATE INDEX IF NOT EXISTS ix_transfer_job_unfinished_owner_created ON transfer_job (owner, created, id) WHERE state NOT IN (7, 8);
CREATE INDEX IF NOT EXISTS ix_transfer_job_active_created ON transfer_job (created, id) WHERE state IN (0, 1, 2, 5);
CREATE INDEX IF NOT EXISTS ix_transfer_job_unfinished_modified ON transfer_job (modified, id) WHERE state NOT IN (7, 8);
CREATE INDEX IF NOT EXISTS ix_transfer_job_final_modified ON transfer_job (modified, id) WHERE state IN (7, 8);
-- Superseded by the indexes above; every catalog write paid for them.
DROP INDEX IF EXISTS ix_transfer_job_owner;
DROP INDEX IF EXISTS ix_transfer_job_state;

-- One row per local path held by an unfinished job, so two jobs never write the same file.
CREATE TABLE IF NOT EXISTS transfer_destination
(
    local_path TEXT NOT NULL PRIMARY KEY,
    job_id     TEXT NOT NULL
);

CREATE INDEX IF NOT EXISTS ix_transfer_destination_job ON transfer_destination (job_id);

-- A job whose catalog row a create wrote (and counted) before the job's grain state: until the create confirms it,
-- the row may belong to a create that crashed, and the sweep asks the job grain whether the job exists.
CREATE TABLE IF NOT EXISTS transfer_job_reservation
(
    job_id      TEXT NOT NULL PRIMARY KEY,
    reserved_at TEXT NOT NULL
);
