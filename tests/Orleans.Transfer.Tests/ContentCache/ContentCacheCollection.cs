namespace Orleans.Transfer.Tests.ContentCache;

[CollectionDefinition(Name)]
public sealed class ContentCacheCollection : ICollectionFixture<ContentCacheFixture>
{
    public const string Name = "content-cache";
}
