-- Jobs per owner and state, final states included, kept equal to the catalog's rows by the trigger below, so
-- 'xfer service status' counts jobs by state in O(owners x states) without reading a job's row. The update trigger
-- fires only when a row's state or owner changes: progress writes cost nothing. Rows at zero stay.
CREATE TABLE IF NOT EXISTS transfer_job_state_count
(
    owner text    NOT NULL,
    state integer NOT NULL,
    jobs  bigint  NOT NULL,
    PRIMARY KEY (owner, state)
);

-- Both counter rows a change moves are written by one statement in (owner, state) order, so two changes in opposite
-- directions (Queued to Transferring, Transferring to Queued) cannot deadlock. This trigger sorts after
-- tr_transfer_job_count_* (PostgreSQL fires them by name), so every write takes the unfinished counters first.
CREATE OR REPLACE FUNCTION transfer_job_state_count_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO transfer_job_state_count (owner, state, jobs) VALUES (NEW.owner, NEW.state, 1)
        ON CONFLICT (owner, state) DO UPDATE SET jobs = transfer_job_state_count.jobs + 1;
    ELSIF TG_OP = 'DELETE' THEN
        UPDATE transfer_job_state_count SET jobs = jobs - 1 WHERE owner = OLD.owner AND state = OLD.state;
    ELSE
        INSERT INTO transfer_job_state_count (owner, state, jobs)
        SELECT owner, state, delta FROM (VALUES (OLD.owner, OLD.state, -1), (NEW.owner, NEW.state, 1)) AS change (owner, state, delta)
        ORDER BY owner, state
        ON CONFLICT (owner, state) DO UPDATE SET jobs = transfer_job_state_count.jobs + EXCLUDED.jobs;
    END IF;
    RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS tr_transfer_job_state_count_insert ON transfer_job;
CREATE TRIGGER tr_transfer_job_state_count_insert AFTER INSERT ON transfer_job
    FOR EACH ROW EXECUTE FUNCTION transfer_job_state_count_change();
DROP TRIGGER IF EXISTS tr_transfer_job_state_count_delete ON transfer_job;
CREATE TRIGGER tr_transfer_job_state_count_delete AFTER DELETE ON transfer_job
    FOR EACH ROW EXECUTE FUNCTION transfer_job_state_count_change();
DROP TRIGGER IF EXISTS tr_transfer_job_state_count_update ON transfer_job;
CREATE TRIGGER tr_transfer_job_state_count_update AFTER UPDATE OF state, owner ON transfer_job
    FOR EACH ROW WHEN (OLD.state <> NEW.state OR OLD.owner <> NEW.owner)
    EXECUTE FUNCTION transfer_job_state_count_change();

-- Once, when the counters are new (an existing database): count the rows there are. A job's row, once written, always
-- leaves a counter row behind, so an empty table means new counters. The triggers above locked the table against
-- writers until this transaction commits.
INSERT INTO transfer_job_state_count (owner, state, jobs)
SELECT owner, state, COUNT(*) FROM transfer_job
WHERE NOT EXISTS (SELECT 1 FROM transfer_job_state_count)
GROUP BY owner, state;
