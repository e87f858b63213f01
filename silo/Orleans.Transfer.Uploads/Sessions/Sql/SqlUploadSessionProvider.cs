namespace Orleans.Transfer.Uploads.Sessions.Sql;

/// <summary>The database behind <see cref="SqlUploadSessionStore"/>.</summary>
public enum SqlUploadSessionProvider
{
    /// <summary>A SQLite file (Microsoft.Data.Sqlite): one server process, or several on one machine.</summary>
    Sqlite = 0,

    /// <summary>PostgreSQL (Npgsql): any number of server processes sharing the sessions.</summary>
    PostgreSql = 1,
}
