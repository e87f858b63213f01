using System.Runtime.InteropServices;

namespace Orleans.Transfer.Storage.Data;

/// <summary>
/// Settings every SQLite connection this process opens gets, whoever opens it: the Orleans AdoNet providers open their
/// own connections, which no setting of ours reaches, and SQLite's auto-extension hook runs on each new connection.
/// <list type="bullet">
/// <item><c>secure_delete</c>: deleted and overwritten content (a secret stored in plain text by an earlier version,
/// say) is zeroed instead of lingering in free pages.</item>
/// <item><c>busy_timeout</c>: a writer that finds the database locked waits in SQLite's own busy handler (sleeps of
/// 1, 2, 5 … ms) instead of failing at once into Microsoft.Data.Sqlite's retry loop, which sleeps 150 ms a try: with
/// creates, grain state and the catalog writing concurrently, those sleeps were most of a create's time.</item>
/// <item><c>temp_store=MEMORY</c>: statement journals (the pages a statement with triggers or an upsert changes inside
/// a transaction, kept to undo that statement alone) and temporary sorts stay in memory. On a file they were spilled
/// past 64 KiB into an unlinked temporary file, page by page: about 97 of a one-file job's 134 <c>pwrite</c> calls and
/// ~225 KiB per job (docs/benchmarks.md, "small: which pages a one-file job writes"). They are never read after a
/// crash (the WAL is), so nothing durable depends on them.</item>
/// </list>
/// </summary>
internal static unsafe partial class SqliteConnectionSettings
{
    // The native library Microsoft.Data.Sqlite's bundle loads (libe_sqlite3.so, e_sqlite3.dll).
    private const string Library = "e_sqlite3";
    private const int SqliteOk = 0;

    private static readonly Lock s_lock = new();
    private static bool s_registered;

    /// <summary>Registers the hook once per process; connections opened before it keep their setting.</summary>
    /// <exception cref="InvalidOperationException">The SQLite library refused the hook.</exception>
    public static void EnsureRegistered()
    {
        lock (s_lock)
        {
            if (s_registered)
            {
                return;
            }

            var result = AutoExtension(&OnConnectionOpened);
            if (result != SqliteOk)
            {
                throw new InvalidOperationException(
                    $"SQLite refused to configure new connections (sqlite3_auto_extension returned {result}).");
            }

            s_registered = true;
        }
    }

    [UnmanagedCallersOnly]
    private static int OnConnectionOpened(nint database, byte** errorMessage, nint api)
    {
        // 30 s, as long as Microsoft.Data.Sqlite's own retries (SqliteStorageDatabase's DefaultTimeout).
        var sql = "PRAGMA secure_delete=ON; PRAGMA busy_timeout=30000; PRAGMA temp_store=MEMORY;\0"u8;
        fixed (byte* text = sql)
        {
            return Execute(database, text, 0, 0, errorMessage);
        }
    }

    [LibraryImport(Library, EntryPoint = "sqlite3_auto_extension")]
    private static partial int AutoExtension(delegate* unmanaged<nint, byte**, nint, int> entryPoint);

    [LibraryImport(Library, EntryPoint = "sqlite3_exec")]
    private static partial int Execute(nint database, byte* sql, nint callback, nint argument, byte** errorMessage);
}
