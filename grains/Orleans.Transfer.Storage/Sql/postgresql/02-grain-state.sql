-- Grain state for the AdoNet grain storage provider (invariant "Npgsql").
-- The provider also passes hashes of the grain id and type; this service keeps a few thousand grains, so the natural
-- key is indexed directly and the hashes are not stored. A missing key extension is NULL, hence the COALESCE in the
-- unique index and IS NOT DISTINCT FROM in the queries. Version must stay integer: the provider reads it as Int32.
CREATE TABLE IF NOT EXISTS OrleansStorage
(
    ServiceId              varchar(150) NOT NULL,
    GrainTypeString        varchar(512) NOT NULL,
    GrainIdN0              bigint       NOT NULL,
    GrainIdN1              bigint       NOT NULL,
    GrainIdExtensionString varchar(512) NULL,
    PayloadBinary          bytea        NULL,
    Version                integer      NOT NULL,
    ModifiedOn             timestamptz  NOT NULL
);

CREATE UNIQUE INDEX IF NOT EXISTS UX_OrleansStorage_Grain
    ON OrleansStorage (ServiceId, GrainTypeString, GrainIdN0, GrainIdN1, COALESCE(GrainIdExtensionString, ''));

-- Contract: return one row NewGrainStateVersion with the new version when the write applied. When it did not, return
-- the caller's version unchanged (or no row when the caller had none): the provider turns that into an
-- InconsistentStateException. A null version means "insert, the row must not exist yet".
-- The casts give the version parameter a type even when Orleans sends it as NULL.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('WriteToStorageKey', '
    WITH inserted AS (
        INSERT INTO OrleansStorage
            (ServiceId, GrainTypeString, GrainIdN0, GrainIdN1, GrainIdExtensionString, PayloadBinary, Version, ModifiedOn)
        SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, @GrainIdExtensionString, @PayloadBinary, 1, now()
        WHERE CAST(@GrainStateVersion AS integer) IS NULL
        ON CONFLICT DO NOTHING
        RETURNING Version
    ), updated AS (
        UPDATE OrleansStorage
        SET PayloadBinary = @PayloadBinary, Version = Version + 1, ModifiedOn = now()
        WHERE ServiceId = @ServiceId AND GrainTypeString = @GrainTypeString
            AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
            AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
            AND Version = CAST(@GrainStateVersion AS integer)
        RETURNING Version
    )
    SELECT Version AS NewGrainStateVersion FROM inserted
    UNION ALL
    SELECT Version FROM updated
    UNION ALL
    SELECT CAST(@GrainStateVersion AS integer)
    WHERE CAST(@GrainStateVersion AS integer) IS NOT NULL AND NOT EXISTS (SELECT 1 FROM updated);
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

-- Contract: columns PayloadBinary and Version, no row when the grain has no state.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadFromStorageKey', '
    SELECT PayloadBinary, Version
    FROM OrleansStorage
    WHERE ServiceId = @ServiceId AND GrainTypeString = @GrainTypeString
        AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
        AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

-- Contract as for writes: the row stays as a tombstone with a bumped version so a stale writer still conflicts.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ClearStorageKey', '
    WITH cleared AS (
        UPDATE OrleansStorage
        SET PayloadBinary = NULL, Version = Version + 1, ModifiedOn = now()
        WHERE ServiceId = @ServiceId AND GrainTypeString = @GrainTypeString
            AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
            AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
            AND Version = CAST(@GrainStateVersion AS integer)
        RETURNING Version
    )
    SELECT Version AS NewGrainStateVersion FROM cleared
    UNION ALL
    SELECT CAST(@GrainStateVersion AS integer)
    WHERE CAST(@GrainStateVersion AS integer) IS NOT NULL AND NOT EXISTS (SELECT 1 FROM cleared);
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

-- Used instead of ClearStorageKey only when AdoNetGrainStorageOptions.DeleteStateOnClear is on.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteStorageKey', '
    WITH deleted AS (
        DELETE FROM OrleansStorage
        WHERE ServiceId = @ServiceId AND GrainTypeString = @GrainTypeString
            AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
            AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
            AND Version = CAST(@GrainStateVersion AS integer)
        RETURNING Version
    )
    SELECT Version + 1 AS NewGrainStateVersion FROM deleted
    UNION ALL
    SELECT CAST(@GrainStateVersion AS integer)
    WHERE CAST(@GrainStateVersion AS integer) IS NOT NULL AND NOT EXISTS (SELECT 1 FROM deleted);
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
