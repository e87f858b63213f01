namespace Orleans.Transfer.Integration.Tests;

/// <summary>
/// Two silos on one data directory would resume the same jobs twice and write the same temp files (a benchmark found
/// this with a silo left over from an earlier run): the second must refuse to start, saying why.
/// </summary>
public sealed class DataDirectoryLockTests : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("xfer-lock-").FullName;

    public void Dispose() => Directory.Delete(_home, recursive: true);

    [Fact]
    public async Task SecondSiloOnTheSameDataDirectory_RefusesToStart_UntilTheFirstIsGone()
    {
        await using var first = new SiloProcess(_home);
        await first.StartAsync();
        await using var second = new SiloProcess(_home);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(second.StartAsync);

        Assert.Contains("Another Orleans.Transfer silo is using the data directory", refused.Message, StringComparison.Ordinal);
        Assert.True(first.IsRunning);

        // SIGKILL leaves no stale lock behind.
        await first.KillAsync();
        await second.StartAsync();
        Assert.True(second.IsRunning);
    }

    /// <summary>
    /// Adds: a SQLite database moved out of the data directory is locked too, so two silos with their own data
    /// directories cannot share it (a silo alone on SQLite writes no fence before a self-completing job's moves).
    /// </summary>
    [Fact]
    public async Task SecondSiloOnTheSameSqliteDatabase_RefusesToStart_WithItsOwnDataDirectory()
    {
        var database = Path.Combine(_home, "database");
        var environment = new Dictionary<string, string> { ["Transfer__Storage__DataDirectory"] = database };
        await using var first = new SiloProcess(Directory.CreateDirectory(Path.Combine(_home, "first")).FullName, environment);
        await first.StartAsync();
        await using var second = new SiloProcess(Directory.CreateDirectory(Path.Combine(_home, "second")).FullName, environment);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(second.StartAsync);

        Assert.Contains($"Another Orleans.Transfer silo is using the database directory {database}", refused.Message, StringComparison.Ordinal);
        Assert.True(first.IsRunning);
    }
}
