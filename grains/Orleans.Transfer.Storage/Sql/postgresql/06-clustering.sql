-- Cluster membership for Microsoft.Orleans.Clustering.AdoNet (invariant "Npgsql"), used when Transfer:Cluster:ClusterId
-- is set (docs/cluster.md). The package ships no SQL: these queries are written against the keys, parameters and result
-- columns its 10.4.2 assembly reads (ClusteringQueryKeyTests checks that every key it requires is here).
-- DeploymentId is the cluster id. A table version row per cluster is the optimistic-concurrency token of the whole
-- membership: every insert or update of a silo's row must name the version it read, and bumps it.
-- Status is Orleans' SiloStatus: 3 Active, 6 Dead.
CREATE TABLE IF NOT EXISTS OrleansMembershipVersionTable
(
    DeploymentId varchar(150) NOT NULL PRIMARY KEY,
    Timestamp    timestamptz  NOT NULL DEFAULT now(),
    Version      integer      NOT NULL DEFAULT 0
);

CREATE TABLE IF NOT EXISTS OrleansMembershipTable
(
    DeploymentId varchar(150) NOT NULL REFERENCES OrleansMembershipVersionTable (DeploymentId),
    Address      varchar(45)  NOT NULL,
    Port         integer      NOT NULL,
    Generation   integer      NOT NULL,
    SiloName     varchar(150) NOT NULL,
    HostName     varchar(150) NOT NULL,
    Status       integer      NOT NULL,
    ProxyPort    integer      NULL,
    SuspectTimes text         NULL,
    StartTime    timestamptz  NOT NULL,
    IAmAliveTime timestamptz  NOT NULL,
    PRIMARY KEY (DeploymentId, Address, Port, Generation)
);

-- Contract: one row per cluster, whatever happened; a single boolean column, true when this call inserted it.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('InsertMembershipVersionKey', '
    WITH created AS (
        INSERT INTO OrleansMembershipVersionTable (DeploymentId) VALUES (@DeploymentId)
        ON CONFLICT (DeploymentId) DO NOTHING
        RETURNING 1
    )
    SELECT EXISTS (SELECT 1 FROM created);
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

-- Contract: the table version (column Version) on every row, with the silo columns of each member; a cluster without
-- members yields one row whose StartTime is NULL, which the provider reads as "no entries, this version".
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('MembershipReadAllKey', '
    SELECT v.Version, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
           m.SuspectTimes, m.StartTime, m.IAmAliveTime
    FROM OrleansMembershipVersionTable v
    LEFT JOIN OrleansMembershipTable m ON m.DeploymentId = v.DeploymentId
    WHERE v.DeploymentId = @DeploymentId;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

-- As MembershipReadAllKey, for the one silo (Address, Port, Generation).
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('MembershipReadRowKey', '
    SELECT v.Version, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
           m.SuspectTimes, m.StartTime, m.IAmAliveTime
    FROM OrleansMembershipVersionTable v
    LEFT JOIN OrleansMembershipTable m ON m.DeploymentId = v.DeploymentId
        AND m.Address = @Address AND m.Port = CAST(@Port AS integer) AND m.Generation = CAST(@Generation AS integer)
    WHERE v.DeploymentId = @DeploymentId;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

-- Contract: Address, ProxyPort and Generation of the silos in @Status (Active) that have a gateway.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('GatewaysQueryKey', '
    SELECT Address, ProxyPort, Generation
    FROM OrleansMembershipTable
    WHERE DeploymentId = @DeploymentId AND Status = CAST(@Status AS integer) AND ProxyPort > 0;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

-- Contract: a single boolean column, true when the row was added. The version row's update is the lock: a writer that
-- read an older version matches no row and adds nothing, so two silos never both win with the same version.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('InsertMembershipKey', '
    WITH bumped AS (
        UPDATE OrleansMembershipVersionTable
        SET Version = Version + 1, Timestamp = now()
        WHERE DeploymentId = @DeploymentId AND Version = CAST(@Version AS integer)
        RETURNING DeploymentId
    ), added AS (
        INSERT INTO OrleansMembershipTable
            (DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort, StartTime, IAmAliveTime)
        SELECT DeploymentId, @Address, CAST(@Port AS integer), CAST(@Generation AS integer), @SiloName, @HostName,
               CAST(@Status AS integer), CAST(@ProxyPort AS integer), CAST(@StartTime AS timestamptz),
               CAST(@IAmAliveTime AS timestamptz)
        FROM bumped
        ON CONFLICT DO NOTHING
        RETURNING 1
    )
    SELECT EXISTS (SELECT 1 FROM added);
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

-- Contract and lock as for InsertMembershipKey: true when the silo's row was changed.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('UpdateMembershipKey', '
    WITH bumped AS (
        UPDATE OrleansMembershipVersionTable
        SET Version = Version + 1, Timestamp = now()
        WHERE DeploymentId = @DeploymentId AND Version = CAST(@Version AS integer)
        RETURNING DeploymentId
    ), changed AS (
        UPDATE OrleansMembershipTable m
        SET Status = CAST(@Status AS integer), SuspectTimes = CAST(@SuspectTimes AS text),
            IAmAliveTime = CAST(@IAmAliveTime AS timestamptz)
        FROM bumped
        WHERE m.DeploymentId = bumped.DeploymentId
            AND m.Address = @Address AND m.Port = CAST(@Port AS integer) AND m.Generation = CAST(@Generation AS integer)
        RETURNING 1
    )
    SELECT EXISTS (SELECT 1 FROM changed);
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

-- A silo's heartbeat: no version check or bump, other silos read it only to judge staleness.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('UpdateIAmAlivetimeKey', '
    UPDATE OrleansMembershipTable
    SET IAmAliveTime = CAST(@IAmAliveTime AS timestamptz)
    WHERE DeploymentId = @DeploymentId
        AND Address = @Address AND Port = CAST(@Port AS integer) AND Generation = CAST(@Generation AS integer);
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

-- Removes a whole cluster (tests and tools).
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteMembershipTableEntriesKey', '
    DELETE FROM OrleansMembershipTable WHERE DeploymentId = @DeploymentId;
    DELETE FROM OrleansMembershipVersionTable WHERE DeploymentId = @DeploymentId;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

-- Removes rows of dead silos last alive before @IAmAliveTime. The assembly's optional per-row variant
-- (CleanupDefunctSiloEntryKey) is left out on purpose: without it the provider runs this one.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('CleanupDefunctSiloEntriesKey', '
    DELETE FROM OrleansMembershipTable
    WHERE DeploymentId = @DeploymentId AND IAmAliveTime < CAST(@IAmAliveTime AS timestamptz) AND Status = 6;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
