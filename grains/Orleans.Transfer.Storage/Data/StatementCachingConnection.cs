using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;

namespace Orleans.Transfer.Storage.Data;

/// <summary>
/// The SQLite writer's connection, keeping its commands' compiled statements from one use to the next. Microsoft.Data.Sqlite
/// compiles a command's SQL when it first runs and keeps it only as long as that command object lives, and Dapper makes a
/// new command for every call, so each state write, catalog upsert and history append parsed and planned its SQL (and
/// the triggers it fires) again: about 6 % of the silo's samples per one-file job. Commands made here hand their SQL to
/// a kept <see cref="SqliteCommand"/> of the same text, whose statements SQLite only resets and rebinds (as its docs
/// advise for repeated statements). Only for the one connection of <see cref="SqliteWriteQueue"/>: its writes run one
/// at a time, so a kept command is never in two hands. SQL run here names its parameters with '@': a parameter added
/// without its prefix gets '@' when the command runs (<see cref="CachedStatementCommand"/>), so it binds in one lookup.
/// </summary>
internal sealed class StatementCachingConnection(SqliteConnection inner) : DbConnection
{
    /// <summary>Distinct SQL texts kept at most; the service's writes use a few dozen, all constants.</summary>
    internal const int MaxTexts = 128;

    private readonly Dictionary<string, Stack<SqliteCommand>> _idle = new(StringComparer.Ordinal);

    [AllowNull]
    public override string ConnectionString
    {
        get => inner.ConnectionString;
        set => inner.ConnectionString = value;
    }

    public override string Database => inner.Database;

    public override string DataSource => inner.DataSource;

    public override string ServerVersion => inner.ServerVersion;

    public override ConnectionState State => inner.State;

    /// <summary>Commands kept idle now, for tests.</summary>
    internal int IdleCommands => _idle.Values.Sum(s => s.Count);

    public override void ChangeDatabase(string databaseName) => inner.ChangeDatabase(databaseName);

    public override void Close() => inner.Close();

    public override void Open() => inner.Open();

    public override Task OpenAsync(CancellationToken cancellationToken) => inner.OpenAsync(cancellationToken);

    /// <summary>A kept command of this text, or a new one.</summary>
    internal SqliteCommand Rent(string text)
    {
        if (_idle.TryGetValue(text, out var idle) && idle.TryPop(out var kept))
        {
            return kept;
        }

        var command = inner.CreateCommand();
        command.CommandText = text;
        return command;
    }

    /// <summary>Keeps a command that ran cleanly for its text's next use; one that failed, or past the bound, is disposed.</summary>
    internal void Return(SqliteCommand command, bool reusable)
    {
        if (reusable && command.Connection == inner && Keep(command.CommandText) is { } idle)
        {
            command.Parameters.Clear();
            command.Transaction = null;
            idle.Push(command);
            return;
        }

        command.Dispose();
    }

    protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) => inner.BeginTransaction(isolationLevel);

    protected override DbCommand CreateDbCommand() => new CachedStatementCommand(this);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            DisposeIdle();
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private Stack<SqliteCommand>? Keep(string text)
    {
        if (_idle.TryGetValue(text, out var idle))
        {
            // One is enough for writes that run one at a time; a second covers a command opened inside another's reader.
            return idle.Count < 2 ? idle : null;
        }

        if (_idle.Count >= MaxTexts)
        {
            return null;
        }

        idle = new Stack<SqliteCommand>(2);
        _idle[text] = idle;
        return idle;
    }

    private void DisposeIdle()
    {
        foreach (var command in _idle.Values.SelectMany(s => s))
        {
            command.Dispose();
        }

        _idle.Clear();
    }
}
