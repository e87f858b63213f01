namespace Orleans.Transfer.Tests.Http;

[CollectionDefinition(Name)]
public sealed class HttpOptionsCollection : ICollectionFixture<HttpOptionsClusterFixture>
{
    public const string Name = "http options";
}
