using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;

namespace Orleans.Transfer.Storage.Data;

/// <summary>
/// A command of <see cref="StatementCachingConnection"/>: what callers (Dapper, the stored-query runner) set and run goes
/// to a kept <see cref="SqliteCommand"/> of the same SQL text, handed back when this one is disposed. Setting the text
/// picks the kept command, so parameters are added after the text, as Dapper and our own code do.
/// </summary>
internal sealed class CachedStatementCommand(StatementCachingConnection connection) : DbCommand
{
    private SqliteCommand? _command;
    private string _text = "";
    private DbTransaction? _transaction;
    private int _timeout = -1;
    private bool _reusable = true;

    [AllowNull]
    public override string CommandText
    {
        get => _text;
        set
        {
            value ??= "";
            if (_command is not null && string.Equals(value, _text, StringComparison.Ordinal))
            {
                return;
            }

            GiveBack();
            _text = value;
            _command = connection.Rent(value);
            _command.Transaction = (SqliteTransaction?)_transaction;
            if (_timeout >= 0)
            {
                _command.CommandTimeout = _timeout;
            }
        }
    }

    public override int CommandTimeout
    {
        get => _command?.CommandTimeout ?? (_timeout >= 0 ? _timeout : 30);
        set
        {
            _timeout = value;
            if (_command is not null)
            {
                _command.CommandTimeout = value;
            }
        }
    }

    public override CommandType CommandType
    {
        get => CommandType.Text;
        set
        {
            if (value != CommandType.Text)
            {
                throw new ArgumentException("SQLite runs text commands only.", nameof(value));
            }
        }
    }

    public override bool DesignTimeVisible { get; set; }

    public override UpdateRowSource UpdatedRowSource { get; set; }

    protected override DbConnection? DbConnection
    {
        get => connection;
        set
        {
            if (value != connection)
            {
                throw new NotSupportedException("A command of the SQLite writer's connection stays on it.");
            }
        }
    }

    protected override DbParameterCollection DbParameterCollection => Command.Parameters;

    protected override DbTransaction? DbTransaction
    {
        get => _transaction;
        set
        {
            _transaction = value;
            if (_command is not null)
            {
                _command.Transaction = (SqliteTransaction?)value;
            }
        }
    }

    private SqliteCommand Command => _command ?? throw new InvalidOperationException("Set CommandText before using the command.");

    public override void Cancel() => _command?.Cancel();

    public override int ExecuteNonQuery() => Run(c => c.ExecuteNonQuery());

    public override object? ExecuteScalar() => Run(c => c.ExecuteScalar());

    public override Task<int> ExecuteNonQueryAsync(CancellationToken cancellationToken) => RunAsync(c => c.ExecuteNonQueryAsync(cancellationToken));

    public override Task<object?> ExecuteScalarAsync(CancellationToken cancellationToken) => RunAsync(c => c.ExecuteScalarAsync(cancellationToken));

    public override void Prepare() => Run(c =>
    {
        c.Prepare();
        return 0;
    });

    protected override DbParameter CreateDbParameter() => new SqliteParameter();

    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) => Run(c => c.ExecuteReader(behavior));

    protected override async Task<DbDataReader> ExecuteDbDataReaderAsync(CommandBehavior behavior, CancellationToken cancellationToken) =>
        await RunAsync(c => c.ExecuteReaderAsync(behavior, cancellationToken));

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            GiveBack();
        }

        base.Dispose(disposing);
    }

    // Microsoft.Data.Sqlite binds a name given without its prefix by looking up the bare name and then each of '@', '$'
    // and ':' (to refuse an ambiguous name): four native lookups, each marshalling the name, for every parameter of every
    // statement of the command. Our SQL names its parameters with '@', so each name gets it and binds in one lookup.
    private static SqliteCommand WithPrefixedNames(SqliteCommand command)
    {
        foreach (SqliteParameter parameter in command.Parameters)
        {
            if (parameter.ParameterName is [not ('@' or '$' or ':'), ..] name)
            {
                parameter.ParameterName = "@" + name;
            }
        }

        return command;
    }

    private T Run<T>(Func<SqliteCommand, T> run)
    {
        try
        {
            return run(WithPrefixedNames(Command));
        }
        catch
        {
            // SQLite resets a failed statement, but a command that failed is not kept: the next use compiles afresh.
            _reusable = false;
            throw;
        }
    }

    private async Task<T> RunAsync<T>(Func<SqliteCommand, Task<T>> run)
    {
        try
        {
            return await run(WithPrefixedNames(Command));
        }
        catch
        {
            _reusable = false;
            throw;
        }
    }

    private void GiveBack()
    {
        if (_command is not null)
        {
            connection.Return(_command, _reusable);
            _command = null;
            _reusable = true;
        }
    }
}
