-- The silo that last activated each job (SiloAddress.ToParsableString), appended to the catalog: when membership
-- declares a silo dead, the survivors wake the active jobs it ran (docs/cluster.md). NULL for rows written before.
ALTER TABLE transfer_job ADD COLUMN IF NOT EXISTS silo text NULL;

-- The dead-silo wake-up scan: active jobs of one silo, by (created, id).
CREATE INDEX IF NOT EXISTS ix_transfer_job_active_silo_created ON transfer_job (silo, created, id) WHERE state IN (0, 1, 2, 5);
