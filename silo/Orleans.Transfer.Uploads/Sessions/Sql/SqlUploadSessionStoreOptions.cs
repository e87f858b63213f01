namespace Orleans.Transfer.Uploads.Sessions.Sql;

/// <summary>
/// Where <see cref="SqlUploadSessionStore"/> keeps the upload server's sessions (section
/// <c>Transfer:Uploads:SessionStore</c>, then <c>AddSqlUploadSessionStore</c>'s delegate). Validated at start.
/// </summary>
public sealed class SqlUploadSessionStoreOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Transfer:Uploads:SessionStore";

    /// <summary>The database. Default Sqlite.</summary>
    public SqlUploadSessionProvider Provider { get; set; } = SqlUploadSessionProvider.Sqlite;

    /// <summary>
    /// The provider's connection string: <c>Data Source=/var/lib/app/uploads.db</c> for SQLite (a file; an in-memory
    /// database would lose every session with its last connection), an Npgsql one for PostgreSQL. Required; never logged.
    /// </summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>The table, created when missing; letters, digits and '_' only. Default <c>bits_upload_session</c>.</summary>
    public string TableName { get; set; } = "bits_upload_session";
}
