-- The Orleans AdoNet providers load the SQL they run from this table when they start, keyed by QueryKey.
-- Unquoted names fold to lower case, which is what the providers' own lookups expect.
CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64) NOT NULL PRIMARY KEY,
    QueryText text        NOT NULL
);
