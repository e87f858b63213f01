-- Reminders for TransferReminderTable, the same implementation as on SQLite. The ETag is the version.
-- grain_hash holds GrainId.GetUniformHashCode(), an unsigned 32-bit value, hence bigint.
CREATE TABLE IF NOT EXISTS transfer_reminder
(
    service_id    varchar(150) NOT NULL,
    grain_id      varchar(512) NOT NULL,
    reminder_name varchar(150) NOT NULL,
    start_time    timestamptz  NOT NULL,
    period_ticks  bigint       NOT NULL,
    grain_hash    bigint       NOT NULL,
    version       integer      NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
);

CREATE INDEX IF NOT EXISTS ix_transfer_reminder_hash ON transfer_reminder (service_id, grain_hash);
