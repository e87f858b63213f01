using Orleans.Transfer.Storage;

namespace Orleans.Transfer.Tests.Creates;

public sealed class SqliteJobBatchSilo() : JobBatchSiloFixture("batch-sqlite", StorageProfile.Sqlite);
