using Npgsql;
using Orleans.Transfer.Storage.Data;

namespace Orleans.Transfer.Storage.Tests;

/// <summary>Npgsql's auto-prepare is on unless the operator's connection string decides it.</summary>
public sealed class PostgresConnectionDefaultsTests
{
    private const string Given = "Host=db.example;Port=5433;Database=xfer;Username=xfer;Password=s3cret";

    [Fact]
    public void Apply_NotNamed_TurnsAutoPrepareOnAndKeepsTheRest()
    {
        var applied = new NpgsqlConnectionStringBuilder(PostgresConnectionDefaults.Apply(Given));

        Assert.Equal(PostgresConnectionDefaults.MaxAutoPrepare, applied.MaxAutoPrepare);
        Assert.Equal(PostgresConnectionDefaults.AutoPrepareMinUsages, applied.AutoPrepareMinUsages);
        Assert.Equal(("db.example", 5433, "xfer", "xfer", "s3cret"), (applied.Host, applied.Port, applied.Database, applied.Username, applied.Password));
    }

    [Theory]
    [InlineData("Max Auto Prepare=0")]
    [InlineData("max auto prepare=0")]
    [InlineData("MaxAutoPrepare=0")]
    [InlineData("Max Auto Prepare=7")]
    public void Apply_NamedByTheOperator_IsLeftAsGiven(string setting) =>
        Assert.Equal($"{Given};{setting}", PostgresConnectionDefaults.Apply($"{Given};{setting}"));

    [Fact]
    public void Database_ConnectionString_CarriesTheDefaults()
    {
        using var database = new PostgresStorageDatabase(Given);

        Assert.Equal(PostgresConnectionDefaults.MaxAutoPrepare, new NpgsqlConnectionStringBuilder(database.ConnectionString).MaxAutoPrepare);
    }
}
