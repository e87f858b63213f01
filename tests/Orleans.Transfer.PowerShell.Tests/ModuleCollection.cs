namespace Orleans.Transfer.PowerShell.Tests;

/// <summary>The module's tests share one silo and origin.</summary>
[CollectionDefinition(Name)]
public sealed class ModuleCollection : ICollectionFixture<ModuleFixture>
{
    public const string Name = "PowerShell module";
}
