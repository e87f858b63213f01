namespace Orleans.Transfer.Integration.Tests.Smb;

/// <summary>The SMB tests that share one silo process and one Samba server run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class SmbCollection : ICollectionFixture<SmbSiloFixture>
{
    public const string Name = "smb";
}
