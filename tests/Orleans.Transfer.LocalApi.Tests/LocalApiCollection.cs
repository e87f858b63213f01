namespace Orleans.Transfer.LocalApi.Tests;

[CollectionDefinition(Name)]
public sealed class LocalApiCollection : ICollectionFixture<LocalApiFixture>
{
    public const string Name = "local-api";
}
