-- Unfinished jobs (state not 7 Acknowledged or 8 Cancelled) per owner and for the whole service, kept equal to the
-- catalog's rows by the trigger below, so a create checks its limits in O(1). A trigger rather than the catalog's
-- code: every write of a row (a state becoming final, an ownership change, a removal, a row rewritten on activation)
-- moves the counters in the statement that writes it, whoever issues it, and progress writes cost nothing (it fires
-- only when finality or the owner changes).
CREATE TABLE IF NOT EXISTS transfer_job_count
(
    owner      text    NOT NULL PRIMARY KEY,
    unfinished integer NOT NULL
);

-- One row: the service's total.
CREATE TABLE IF NOT EXISTS transfer_job_total
(
    id         integer NOT NULL PRIMARY KEY CHECK (id = 1),
    unfinished integer NOT NULL
);

-- A job that changes owner while it counts moves between two owners' rows in one statement, in owner order, so two
-- ownership changes in opposite directions cannot deadlock; like a create (DapperJobCatalog.TryReserveAsync), every
-- change takes the owner's row before the total's.
CREATE OR REPLACE FUNCTION transfer_job_count_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    was_counted integer := 0;
    is_counted  integer := 0;
BEGIN
    IF TG_OP <> 'INSERT' AND OLD.state NOT IN (7, 8) THEN
        was_counted := 1;
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.state NOT IN (7, 8) THEN
        is_counted := 1;
    END IF;
    IF was_counted = 1 AND is_counted = 1 THEN
        IF OLD.owner <> NEW.owner THEN
            INSERT INTO transfer_job_count (owner, unfinished)
            SELECT owner, delta FROM (VALUES (OLD.owner, -1), (NEW.owner, 1)) AS change (owner, delta) ORDER BY owner
            ON CONFLICT (owner) DO UPDATE SET unfinished = transfer_job_count.unfinished + EXCLUDED.unfinished;
        END IF;
    ELSIF is_counted = 1 THEN
        INSERT INTO transfer_job_count (owner, unfinished) VALUES (NEW.owner, 1)
        ON CONFLICT (owner) DO UPDATE SET unfinished = transfer_job_count.unfinished + 1;
    ELSIF was_counted = 1 THEN
        UPDATE transfer_job_count SET unfinished = unfinished - 1 WHERE owner = OLD.owner;
    END IF;
    IF is_counted <> was_counted THEN
        UPDATE transfer_job_total SET unfinished = unfinished + is_counted - was_counted;
    END IF;
    RETURN NULL;
END
$$;

-- Dropped and created again (CREATE OR REPLACE TRIGGER needs PostgreSQL 14); the schema transaction holds the table's
-- lock until it commits, so no row changes uncounted in between.
DROP TRIGGER IF EXISTS tr_transfer_job_count_insert ON transfer_job;
CREATE TRIGGER tr_transfer_job_count_insert AFTER INSERT ON transfer_job
    FOR EACH ROW WHEN (NEW.state NOT IN (7, 8)) EXECUTE FUNCTION transfer_job_count_change();
DROP TRIGGER IF EXISTS tr_transfer_job_count_delete ON transfer_job;
CREATE TRIGGER tr_transfer_job_count_delete AFTER DELETE ON transfer_job
    FOR EACH ROW WHEN (OLD.state NOT IN (7, 8)) EXECUTE FUNCTION transfer_job_count_change();
DROP TRIGGER IF EXISTS tr_transfer_job_count_update ON transfer_job;
CREATE TRIGGER tr_transfer_job_count_update AFTER UPDATE OF state, owner ON transfer_job
    FOR EACH ROW WHEN ((OLD.state NOT IN (7, 8)) <> (NEW.state NOT IN (7, 8)) OR OLD.owner <> NEW.owner)
    EXECUTE FUNCTION transfer_job_count_change();

-- Once, when the counters are new (an existing database, or a new one): count the rows there are. The triggers above
-- locked the table against writers until this transaction commits; later starts find the total.
INSERT INTO transfer_job_count (owner, unfinished)
SELECT owner, COUNT(*) FROM transfer_job
WHERE state NOT IN (7, 8) AND NOT EXISTS (SELECT 1 FROM transfer_job_total)
GROUP BY owner;

INSERT INTO transfer_job_total (id, unfinished)
SELECT 1, COUNT(*) FROM transfer_job
WHERE state NOT IN (7, 8) AND NOT EXISTS (SELECT 1 FROM transfer_job_total)
HAVING NOT EXISTS (SELECT 1 FROM transfer_job_total);
