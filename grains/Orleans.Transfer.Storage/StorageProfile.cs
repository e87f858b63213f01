namespace Orleans.Transfer.Storage;

/// <summary>Where the service keeps grain state, reminders and the job catalog.</summary>
public enum StorageProfile
{
    /// <summary>One embedded SQLite file (WAL mode) under <see cref="TransferStorageOptions.DataDirectory"/>: a single silo.</summary>
    Sqlite = 0,

    /// <summary>A PostgreSQL server named by <see cref="TransferStorageOptions.ConnectionString"/>: one or more silos.</summary>
    PostgreSql = 1,
}
