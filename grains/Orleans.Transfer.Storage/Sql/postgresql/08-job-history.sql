-- Each job's history (DapperJobHistory): append-only, numbered per job from 1, the newest 500 kept (older rows are
-- deleted as new ones arrive; the first kept seq says how many went). Removed with the job's catalog row.
CREATE TABLE IF NOT EXISTS transfer_job_history
(
    job_id  uuid        NOT NULL,
    seq     bigint      NOT NULL,
    at      timestamptz NOT NULL,
    kind    integer     NOT NULL,
    state   integer     NOT NULL,
    code    text        NULL,
    message text        NOT NULL,
    PRIMARY KEY (job_id, seq)
);
