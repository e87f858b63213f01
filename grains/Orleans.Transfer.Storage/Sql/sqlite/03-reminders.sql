-- Reminders for TransferReminderTable (Orleans ships no SQLite reminder provider). The ETag is the version.
-- grain_hash holds GrainId.GetUniformHashCode(), an unsigned 32-bit value, for the ring-range reads.
-- start_time is UTC ISO-8601 text with seven fractional digits, so text order is time order.
CREATE TABLE IF NOT EXISTS transfer_reminder
(
    service_id    TEXT    NOT NULL,
    grain_id      TEXT    NOT NULL,
    reminder_name TEXT    NOT NULL,
    start_time    TEXT    NOT NULL,
    period_ticks  INTEGER NOT NULL,
    grain_hash    INTEGER NOT NULL,
    version       INTEGER NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
);

CREATE INDEX IF NOT EXISTS ix_transfer_reminder_hash ON transfer_reminder (service_id, grain_hash);
