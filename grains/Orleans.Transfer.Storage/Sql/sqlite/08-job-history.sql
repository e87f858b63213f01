-- Each job's history (DapperJobHistory): append-only, numbered per job from 1, the newest 500 kept (older rows are
-- deleted as new ones arrive; the first kept seq says how many went). Removed with the job's catalog row.
CREATE TABLE IF NOT EXISTS transfer_job_history
(
    job_id  TEXT    NOT NULL,
    seq     INTEGER NOT NULL,
    at      TEXT    NOT NULL,
    kind    INTEGER NOT NULL,
    state   INTEGER NOT NULL,
    code    TEXT    NULL,
    message TEXT    NOT NULL,
    PRIMARY KEY (job_id, seq)
);
