-- Jobs per owner and state, final states included, kept equal to the catalog's rows by the triggers below, so
-- 'xfer service status' counts jobs by state in O(owners x states) without reading a job's row. The update trigger
-- fires only when a row's state or owner changes: progress writes cost nothing. Rows at zero stay.
CREATE TABLE IF NOT EXISTS transfer_job_state_count
(
    owner TEXT    NOT NULL,
    state INTEGER NOT NULL,
    jobs  INTEGER NOT NULL,
    PRIMARY KEY (owner, state)
);

CREATE TRIGGER IF NOT EXISTS tr_transfer_job_state_count_insert AFTER INSERT ON transfer_job
BEGIN
    INSERT INTO transfer_job_state_count (owner, state, jobs) VALUES (NEW.owner, NEW.state, 1)
    ON CONFLICT (owner, state) DO UPDATE SET jobs = jobs + 1;
END;

CREATE TRIGGER IF NOT EXISTS tr_transfer_job_state_count_delete AFTER DELETE ON transfer_job
BEGIN
    UPDATE transfer_job_state_count SET jobs = jobs - 1 WHERE owner = OLD.owner AND state = OLD.state;
END;

CREATE TRIGGER IF NOT EXISTS tr_transfer_job_state_count_update AFTER UPDATE OF state, owner ON transfer_job
WHEN OLD.state <> NEW.state OR OLD.owner <> NEW.owner
BEGIN
    UPDATE transfer_job_state_count SET jobs = jobs - 1 WHERE owner = OLD.owner AND state = OLD.state;
    INSERT INTO transfer_job_state_count (owner, state, jobs) VALUES (NEW.owner, NEW.state, 1)
    ON CONFLICT (owner, state) DO UPDATE SET jobs = jobs + 1;
END;

-- Once, when the counters are new (an existing database): count the rows there are. A job's row, once written, always
-- leaves a counter row behind, so an empty table means new counters. The schema runs in one write transaction, so no
-- row changes between this count and the triggers above.
INSERT INTO transfer_job_state_count (owner, state, jobs)
SELECT owner, state, COUNT(*) FROM transfer_job
WHERE NOT EXISTS (SELECT 1 FROM transfer_job_state_count)
GROUP BY owner, state;
