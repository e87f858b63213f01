using Orleans.Transfer.Storage;

namespace Orleans.Transfer.Tests.Creates;

public sealed class PostgresJobBatchSilo() : JobBatchSiloFixture("batch-pg", StorageProfile.PostgreSql);
