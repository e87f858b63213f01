using Orleans.Transfer.Cli.Service;

namespace Orleans.Transfer.Cli.Tests;


/// <summary>The default data directory of a user who has never run anything that made ~/.local/share.</summary>
[Collection(EnvironmentCollection.Name)]
public sealed class XferPathsTests : IDisposable
{
    private readonly string? _home = Environment.GetEnvironmentVariable("HOME");
    private readonly string? _xferHome = Environment.GetEnvironmentVariable(XferPaths.HomeVariable);
    private readonly string? _dataHome = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
    private readonly DirectoryInfo _emptyHome = Directory.CreateTempSubdirectory("xfer-empty-home-");

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("HOME", _home);
        Environment.SetEnvironmentVariable(XferPaths.HomeVariable, _xferHome);
        Environment.SetEnvironmentVariable("XDG_DATA_HOME", _dataHome);
        _emptyHome.Delete(recursive: true);
    }

    [Fact]
    public void Home_WithoutTheDataFolder_IsStillAnAbsolutePathUnderTheUsersHome()
    {
        Environment.SetEnvironmentVariable("HOME", _emptyHome.FullName);
        Environment.SetEnvironmentVariable(XferPaths.HomeVariable, null);
        Environment.SetEnvironmentVariable("XDG_DATA_HOME", null);

        Assert.True(Path.IsPathFullyQualified(XferPaths.Home), XferPaths.Home);
        Assert.StartsWith(_emptyHome.FullName, XferPaths.Home, StringComparison.Ordinal);
    }
}
