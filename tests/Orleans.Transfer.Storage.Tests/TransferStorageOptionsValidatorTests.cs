namespace Orleans.Transfer.Storage.Tests;

public sealed class TransferStorageOptionsValidatorTests
{
    private readonly TransferStorageOptionsValidator _validator = new();

    [Fact]
    public void Validate_PostgresWithoutConnectionString_FailsNamingTheKey()
    {
        var result = _validator.Validate(null, new TransferStorageOptions { Profile = StorageProfile.PostgreSql });

        Assert.True(result.Failed);
        Assert.Contains("Transfer:Storage:ConnectionString", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_Defaults_Succeed()
    {
        var options = new TransferStorageOptions();

        Assert.True(_validator.Validate(null, options).Succeeded);
        Assert.Equal(StorageProfile.Sqlite, options.Profile);
        Assert.EndsWith("transfer.db", options.SqliteDatabasePath, StringComparison.Ordinal);
    }
}
