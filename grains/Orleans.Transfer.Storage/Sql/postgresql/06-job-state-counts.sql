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

-- Inserts and deletes move the counters once per statement, over the rows it wrote (a transition table), in (owner,
-- state) order. An update moves both counter rows it changes in one statement, in the same order, so two single-row
-- changes in opposite directions (Queued to Transferring, Transferring to Queued) cannot deadlock. These triggers sort
-- after tr_transfer_job_count_* (PostgreSQL fires them by name), so each statement's, or each updated row's, counting
-- takes the unfinished counters first.
CREATE OR REPLACE FUNCTION transfer_job_state_count_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO transfer_job_state_count (owner, state, jobs)
    SELECT owner, state, CASE TG_OP WHEN 'INSERT' THEN 1 ELSE -1 END * COUNT(*) FROM changed
    GROUP BY owner, state ORDER BY owner, state
    ON CONFLICT (owner, state) DO UPDATE SET jobs = transfer_job_state_count.jobs + EXCLUDED.jobs;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION transfer_job_state_count_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO transfer_job_state_count (owner, state, jobs)
    SELECT owner, state, delta FROM (VALUES (OLD.owner, OLD.state, -1), (NEW.owner, NEW.state, 1)) AS change (owner, state, delta)
    ORDER BY owner, state
    ON CONFLICT (owner, state) DO UPDATE SET jobs = transfer_job_state_count.jobs + EXCLUDED.jobs;
    RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS tr_transfer_job_state_count_insert ON transfer_job;
CREATE TRIGGER tr_transfer_job_state_count_insert AFTER INSERT ON transfer_job
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION transfer_job_state_count_rows();
DROP TRIGGER IF EXISTS tr_transfer_job_state_count_delete ON transfer_job;
CREATE TRIGGER tr_transfer_job_state_count_delete AFTER DELETE ON transfer_job
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION transfer_job_state_count_rows();
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
