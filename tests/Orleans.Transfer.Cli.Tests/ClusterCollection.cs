namespace Orleans.Transfer.Cli.Tests;

/// <summary>Shares one <see cref="ClusterFixture"/> between the service-backed test classes.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
