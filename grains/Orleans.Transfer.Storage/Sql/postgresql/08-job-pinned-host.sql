-- The host a job is pinned to (Transfer:Cluster:HostName), appended to the catalog: a job with a local path outside
-- every shared root activates only on that host's silos (docs/cluster.md). NULL: the job may run on any silo.
ALTER TABLE transfer_job ADD COLUMN IF NOT EXISTS pinned_host text NULL;
