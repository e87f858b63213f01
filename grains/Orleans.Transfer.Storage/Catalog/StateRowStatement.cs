namespace Orleans.Transfer.Storage.Catalog;

/// <summary>
/// A job's state row write as one statement with its parameters (the stored WriteToStorageKey query), for a create
/// that sends it in one batch with its catalog row (<see cref="BatchedCreate"/>). The statement answers one row whose
/// first column is the row's new version; the write applied only when that is neither null nor <paramref name="knownVersion"/>.
/// </summary>
/// <param name="sql">The statement.</param>
/// <param name="parameters">Its parameters by name.</param>
/// <param name="knownVersion">The version the caller holds (null for a row that must not exist yet).</param>
internal sealed class StateRowStatement(string sql, IReadOnlyDictionary<string, object?> parameters, string? knownVersion)
{
    public string Sql { get; } = sql;

    public IReadOnlyDictionary<string, object?> Parameters { get; } = parameters;

    public string? KnownVersion { get; } = knownVersion;
}
