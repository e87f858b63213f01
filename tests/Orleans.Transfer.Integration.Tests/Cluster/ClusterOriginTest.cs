namespace Orleans.Transfer.Integration.Tests.Cluster;

/// <summary>A three-silo test's working root (the silos' homes, shared roots) and its real HTTP origin on 127.0.0.1.</summary>
public abstract class ClusterOriginTest : IAsyncLifetime
{
    protected ClusterOriginTest(string prefix) => Root = Directory.CreateTempSubdirectory(prefix).FullName;

    protected string Root { get; }

    protected TestOrigin.TestOrigin Origin { get; private set; } = null!;

    public async Task InitializeAsync() => Origin = await TestOrigin.TestOrigin.StartAsync();

    public async Task DisposeAsync()
    {
        await Origin.DisposeAsync();
        Directory.Delete(Root, recursive: true);
    }
}
