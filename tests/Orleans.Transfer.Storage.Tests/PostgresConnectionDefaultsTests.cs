using Npgsql;
using Orleans.Transfer.Storage.Data;

namespace Orleans.Transfer.Storage.Tests;

/// <summary>Npgsql's auto-prepare is on, and its reset of pooled connections off, unless the operator's connection string decides it.</summary>
public sealed class PostgresConnectionDefaultsTests
{
    private const string Given = "Host=db.example;Port=5433;Database=xfer;Username=xfer;Password=s3cret";

    [Fact]
    public void Apply_NotNamed_TurnsAutoPrepareOnAndKeepsTheRest()
    {
        var applied = new NpgsqlConnectionStringBuilder(PostgresConnectionDefaults.Apply(Given));

        Assert.Equal(PostgresConnectionDefaults.MaxAutoPrepare, applied.MaxAutoPrepare);
        Assert.Equal(PostgresConnectionDefaults.AutoPrepareMinUsages, applied.AutoPrepareMinUsages);
        Assert.True(applied.NoResetOnClose);
        Assert.Equal(("db.example", 5433, "xfer", "xfer", "s3cret"), (applied.Host, applied.Port, applied.Database, applied.Username, applied.Password));
    }

    [Theory]
    [InlineData("Max Auto Prepare=0;No Reset On Close=false")]
    [InlineData("max auto prepare=0;no reset on close=false")]
    [InlineData("MaxAutoPrepare=0;NoResetOnClose=false")]
    [InlineData("Max Auto Prepare=7;No Reset On Close=true")]
    public void Apply_NamedByTheOperator_IsLeftAsGiven(string setting) =>
        Assert.Equal($"{Given};{setting}", PostgresConnectionDefaults.Apply($"{Given};{setting}"));

    [Theory]
    [InlineData("Max Auto Prepare=0", 0, true)]
    [InlineData("No Reset On Close=false", PostgresConnectionDefaults.MaxAutoPrepare, false)]
    public void Apply_OneNamed_KeepsItAndAddsTheOther(string setting, int maxAutoPrepare, bool noResetOnClose)
    {
        var applied = new NpgsqlConnectionStringBuilder(PostgresConnectionDefaults.Apply($"{Given};{setting}"));

        Assert.Equal((maxAutoPrepare, noResetOnClose), (applied.MaxAutoPrepare, applied.NoResetOnClose));
    }

    [Fact]
    public void Database_ConnectionString_CarriesTheDefaults()
    {
        using var database = new PostgresStorageDatabase(Given);

        var applied = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        Assert.Equal((PostgresConnectionDefaults.MaxAutoPrepare, true), (applied.MaxAutoPrepare, applied.NoResetOnClose));
    }
}
