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

-- Inserts and deletes are counted once per statement, over the rows it wrote (a transition table), not once per row:
-- a batch create's hundreds of rows then move each counter row once, where per-row triggers made hundreds of updates
-- of the same rows, each walking their growing chain of versions, while holding the locks the next create waits for.
-- The owners' rows are written in owner order, then the total, as a create takes them
-- (DapperJobCatalog.TryReserveAsync), so inserts, removals and single-row updates cannot deadlock one another. A
-- statement that counts nothing (an upsert that updated its row) locks nothing.
CREATE OR REPLACE FUNCTION transfer_job_count_rows() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    sign    integer := CASE TG_OP WHEN 'INSERT' THEN 1 ELSE -1 END;
    counted bigint;
BEGIN
    SELECT COUNT(*) INTO counted FROM changed WHERE state NOT IN (7, 8);
    IF counted > 0 THEN
        INSERT INTO transfer_job_count (owner, unfinished)
        SELECT owner, sign * COUNT(*) FROM changed WHERE state NOT IN (7, 8) GROUP BY owner ORDER BY owner
        ON CONFLICT (owner) DO UPDATE SET unfinished = transfer_job_count.unfinished + EXCLUDED.unfinished;
        -- With its WHERE, the statement's plan is cached; without it, PL/pgSQL planned it again at every call here.
        UPDATE transfer_job_total SET unfinished = unfinished + sign * counted WHERE id = 1;
    END IF;
    RETURN NULL;
END
$$;

-- A row's update counts when it becomes final or stops being so, or changes owner while it counts (moving between two
-- owners' rows in one statement, in owner order, so two ownership changes in opposite directions cannot deadlock); a
-- final job changing owner moves nothing.
CREATE OR REPLACE FUNCTION transfer_job_count_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.state NOT IN (7, 8) AND NEW.state NOT IN (7, 8) THEN
        INSERT INTO transfer_job_count (owner, unfinished)
        SELECT owner, delta FROM (VALUES (OLD.owner, -1), (NEW.owner, 1)) AS change (owner, delta) ORDER BY owner
        ON CONFLICT (owner) DO UPDATE SET unfinished = transfer_job_count.unfinished + EXCLUDED.unfinished;
    ELSIF NEW.state NOT IN (7, 8) THEN
        INSERT INTO transfer_job_count (owner, unfinished) VALUES (NEW.owner, 1)
        ON CONFLICT (owner) DO UPDATE SET unfinished = transfer_job_count.unfinished + 1;
        UPDATE transfer_job_total SET unfinished = unfinished + 1 WHERE id = 1;
    ELSIF OLD.state NOT IN (7, 8) THEN
        UPDATE transfer_job_count SET unfinished = unfinished - 1 WHERE owner = OLD.owner;
        UPDATE transfer_job_total SET unfinished = unfinished - 1 WHERE id = 1;
    END IF;
    RETURN NULL;
END
$$;

-- Dropped and created again (CREATE OR REPLACE TRIGGER needs PostgreSQL 14); the schema transaction holds the table's
-- lock until it commits, so no row changes uncounted in between.
DROP TRIGGER IF EXISTS tr_transfer_job_count_insert ON transfer_job;
CREATE TRIGGER tr_transfer_job_count_insert AFTER INSERT ON transfer_job
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION transfer_job_count_rows();
DROP TRIGGER IF EXISTS tr_transfer_job_count_delete ON transfer_job;
CREATE TRIGGER tr_transfer_job_count_delete AFTER DELETE ON transfer_job
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION transfer_job_count_rows();
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
