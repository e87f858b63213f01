using System.Text.RegularExpressions;

namespace Orleans.Transfer.PowerShell.Tests;

/// <summary>What docs/contracts.md publishes about the module: its manifest, where it is published, what it ships.</summary>
public sealed class ModuleContractTests
{
    private static readonly string s_root = FindRoot();

    [Fact]
    public void Manifest_NamesTheModule_ItsCmdlets_AndPowerShell76Core()
    {
        var manifest = File.ReadAllText(Path.Combine(s_root, "client/Orleans.Transfer.PowerShell/OrleansTransfer.psd1"));

        Assert.Equal("Orleans.Transfer.PowerShell.dll", Value(manifest, "RootModule"));
        Assert.Equal("7.6", Value(manifest, "PowerShellVersion"));
        Assert.Matches(@"CompatiblePSEditions\s*=\s*@\('Core'\)", manifest);
        Assert.Equal(
            ["Start-XferTransfer", "Get-XferTransfer", "Set-XferTransfer", "Resume-XferTransfer", "Suspend-XferTransfer", "Complete-XferTransfer",
                "Remove-XferTransfer", "Add-XferFile"],
            Regex.Matches(Regex.Match(manifest, @"CmdletsToExport\s*=\s*@\(([^)]*)\)").Groups[1].Value, "'([^']+)'").Select(m => m.Groups[1].Value));
    }

    [Fact]
    public void Module_IsPublishedUnderArtifacts_WithoutPowerShellsOwnAssemblies()
    {
        var launcher = File.ReadAllText(Path.Combine(s_root, "scripts/xfer"));
        Assert.Contains(
            "build_module \"$root/client/Orleans.Transfer.PowerShell/Orleans.Transfer.PowerShell.csproj\" \"$artifacts/OrleansTransfer\"",
            launcher,
            StringComparison.Ordinal);

        // pwsh brings PowerShell and what it depends on; a module that shipped its own copies would load them twice.
        var output = Path.GetDirectoryName(Pwsh.ModuleManifest)!;
        var shipped = Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories).Select(Path.GetFileName).ToList();
        Assert.Contains("Orleans.Transfer.PowerShell.dll", shipped);
        Assert.Contains("Orleans.Transfer.Client.dll", shipped);
        Assert.DoesNotContain(shipped, name => name!.StartsWith("System.Management.", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("Microsoft.Management.", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("Microsoft.PowerShell.", StringComparison.OrdinalIgnoreCase));
    }

    private static string Value(string manifest, string key) =>
        Regex.Match(manifest, $@"^\s*{key}\s*=\s*'([^']*)'", RegexOptions.Multiline).Groups[1].Value;

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Orleans.Transfer.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Orleans.Transfer.sln above {AppContext.BaseDirectory}.");
    }
}
