-- Whether the service completes the job itself once transferred (the job property CompleteWhenTransferred), appended
-- to the catalog and written with the job's state in one transaction: a Transferred row with it is a job a crash left
-- between its Transferred and Acknowledged writes (or whose completion failed), which the silo's start-up wakes.
-- An integer, as on SQLite, so the index predicate and the scan are spelled the same in both dialects. Rows written
-- before read 0 until the job's next write: such a job completes at its next activation, as before.
ALTER TABLE transfer_job ADD COLUMN IF NOT EXISTS complete_when_transferred integer NOT NULL DEFAULT 0;

-- The start-up scan of those jobs, by (created, id); 6 is Transferred.
CREATE INDEX IF NOT EXISTS ix_transfer_job_completing_created ON transfer_job (created, id) WHERE state = 6 AND complete_when_transferred = 1;
