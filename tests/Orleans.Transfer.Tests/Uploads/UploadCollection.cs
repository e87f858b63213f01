namespace Orleans.Transfer.Tests.Uploads;

[CollectionDefinition(Name)]
public sealed class UploadCollection : ICollectionFixture<UploadClusterFixture>
{
    public const string Name = "uploads";
}
