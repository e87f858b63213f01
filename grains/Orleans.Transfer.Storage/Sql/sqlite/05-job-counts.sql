-- Unfinished jobs (state not 7 Acknowledged or 8 Cancelled) per owner and for the whole service, kept equal to the
-- catalog's rows by the triggers below, so a create checks its limits in O(1). Triggers rather than the catalog's
-- code: every write of a row (a state becoming final, an ownership change, a removal, a row rewritten on activation)
-- moves the counters in the statement that writes it, whoever issues it, and progress writes cost nothing (the update
-- trigger fires only when finality or the owner changes).
CREATE TABLE IF NOT EXISTS transfer_job_count
(
    owner      TEXT    NOT NULL PRIMARY KEY,
    unfinished INTEGER NOT NULL
);

-- One row: the service's total.
CREATE TABLE IF NOT EXISTS transfer_job_total
(
    id         INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    unfinished INTEGER NOT NULL
);

CREATE TRIGGER IF NOT EXISTS tr_transfer_job_count_insert AFTER INSERT ON transfer_job
WHEN NEW.state NOT IN (7, 8)
BEGIN
    INSERT INTO transfer_job_count (owner, unfinished) VALUES (NEW.owner, 1)
    ON CONFLICT (owner) DO UPDATE SET unfinished = unfinished + 1;
    UPDATE transfer_job_total SET unfinished = unfinished + 1;
END;

CREATE TRIGGER IF NOT EXISTS tr_transfer_job_count_delete AFTER DELETE ON transfer_job
WHEN OLD.state NOT IN (7, 8)
BEGIN
    UPDATE transfer_job_count SET unfinished = unfinished - 1 WHERE owner = OLD.owner;
    UPDATE transfer_job_total SET unfinished = unfinished - 1;
END;

CREATE TRIGGER IF NOT EXISTS tr_transfer_job_count_update AFTER UPDATE OF state, owner ON transfer_job
WHEN (OLD.state NOT IN (7, 8)) <> (NEW.state NOT IN (7, 8)) OR OLD.owner <> NEW.owner
BEGIN
    UPDATE transfer_job_count SET unfinished = unfinished - 1 WHERE owner = OLD.owner AND OLD.state NOT IN (7, 8);
    INSERT INTO transfer_job_count (owner, unfinished) SELECT NEW.owner, 1 WHERE NEW.state NOT IN (7, 8)
    ON CONFLICT (owner) DO UPDATE SET unfinished = unfinished + 1;
    UPDATE transfer_job_total SET unfinished = unfinished + (NEW.state NOT IN (7, 8)) - (OLD.state NOT IN (7, 8))
    WHERE (NEW.state NOT IN (7, 8)) <> (OLD.state NOT IN (7, 8));
END;

-- Once, when the counters are new (an existing database, or a new one): count the rows there are. The schema runs in
-- one write transaction, so no row changes between this count and the triggers above; later starts find the total.
INSERT INTO transfer_job_count (owner, unfinished)
SELECT owner, COUNT(*) FROM transfer_job
WHERE state NOT IN (7, 8) AND NOT EXISTS (SELECT 1 FROM transfer_job_total)
GROUP BY owner;

INSERT INTO transfer_job_total (id, unfinished)
SELECT 1, COUNT(*) FROM transfer_job
WHERE state NOT IN (7, 8) AND NOT EXISTS (SELECT 1 FROM transfer_job_total)
HAVING NOT EXISTS (SELECT 1 FROM transfer_job_total);
