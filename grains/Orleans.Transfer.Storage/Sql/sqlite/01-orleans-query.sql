-- The Orleans AdoNet providers load the SQL they run from this table when they start, keyed by QueryKey.
CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  TEXT NOT NULL PRIMARY KEY,
    QueryText TEXT NOT NULL
);
