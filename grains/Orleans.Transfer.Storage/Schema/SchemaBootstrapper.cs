using System.Data.Common;
using System.Reflection;
using Dapper;
using Microsoft.Extensions.Logging;
using Orleans.Transfer.Storage.Data;

namespace Orleans.Transfer.Storage.Schema;

/// <summary>
/// Creates the tables and the Orleans provider queries for the configured profile. Idempotent: every script uses
/// IF NOT EXISTS or ON CONFLICT, so running it on every start is a no-op once the schema is there. On PostgreSQL the
/// scripts run in one transaction under an advisory lock, so silos starting together do not race.
/// </summary>
/// <remarks>
/// <c>AddTransferStorage</c> runs it in the silo lifecycle before any storage provider starts; call
/// <see cref="EnsureSchemaAsync"/> directly only to prepare a database outside a silo.
/// </remarks>
public sealed partial class SchemaBootstrapper
{
    private static readonly Assembly s_assembly = typeof(SchemaBootstrapper).Assembly;

    private readonly StorageDatabase _database;
    private readonly TransferStorageOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<SchemaBootstrapper> _logger;

    internal SchemaBootstrapper(
        StorageDatabase database,
        TransferStorageOptions options,
        TimeProvider timeProvider,
        ILogger<SchemaBootstrapper> logger)
    {
        _database = database;
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>
    /// Applies the schema scripts. Retries reaching the database up to <see cref="TransferStorageOptions.StartupConnectAttempts"/>
    /// times, then throws <see cref="InvalidOperationException"/> naming the database (never the password).
    /// </summary>
    public async Task EnsureSchemaAsync(CancellationToken cancellationToken = default)
    {
        var scripts = LoadScripts(_database.ScriptFolder);
        _database.PrepareLocation();
        await using var connection = await OpenWithRetryAsync(cancellationToken);
        await _database.ConfigureDatabaseAsync(connection, cancellationToken);

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await _database.LockAsync(connection, transaction, StorageLockKeys.Schema, cancellationToken);
        foreach (var script in scripts)
        {
            await connection.ExecuteAsync(new CommandDefinition(script, transaction: transaction, cancellationToken: cancellationToken));
        }

        await _database.CompleteSchemaAsync(connection, transaction, cancellationToken);

        await transaction.CommitAsync(cancellationToken);
        LogSchemaReady(_database.Description, scripts.Count);
    }

    private async Task<DbConnection> OpenWithRetryAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await _database.OpenConnectionAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is DbException or TimeoutException && !cancellationToken.IsCancellationRequested)
            {
                if (attempt >= _options.StartupConnectAttempts || ex is DbException { IsTransient: false })
                {
                    throw new InvalidOperationException(
                        $"Cannot reach {_database.Description} after {attempt} attempt(s): {ex.Message} "
                        + $"Check that the database is running and {TransferStorageOptions.SectionName} is right.",
                        ex);
                }

                LogConnectRetry(ex, _database.Description, attempt, _options.StartupConnectAttempts);
                await Task.Delay(_options.StartupConnectDelay, _timeProvider, cancellationToken);
            }
        }
    }

    private static List<string> LoadScripts(string folder)
    {
        var prefix = $"{s_assembly.GetName().Name}.Sql.{folder}.";
        var scripts = new List<string>();
        foreach (var name in s_assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal))
        {
            using var stream = s_assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            scripts.Add(reader.ReadToEnd());
        }

        return scripts.Count > 0
            ? scripts
            : throw new InvalidOperationException($"No schema scripts are embedded under Sql/{folder}.");
    }
}
