using System.Runtime.InteropServices;

namespace Orleans.Transfer.Storage.Data;

/// <summary>
/// Turns on <c>PRAGMA secure_delete</c> for every SQLite connection this process opens, so deleted and overwritten
/// content (a secret stored in plain text by an earlier version, say) is zeroed instead of lingering in free pages.
/// The pragma is per connection and the Orleans AdoNet providers open their own connections, which no setting of
/// ours reaches; SQLite's auto-extension hook runs on each new connection, whoever opens it.
/// </summary>
internal static unsafe partial class SqliteSecureDelete
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
                    $"SQLite refused to turn on secure_delete for new connections (sqlite3_auto_extension returned {result}).");
            }

            s_registered = true;
        }
    }

    [UnmanagedCallersOnly]
    private static int OnConnectionOpened(nint database, byte** errorMessage, nint api)
    {
        var sql = "PRAGMA secure_delete=ON;\0"u8;
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
