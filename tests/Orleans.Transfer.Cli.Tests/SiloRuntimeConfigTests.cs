using System.Text.Json;
using SiloExitCodes = Orleans.Transfer.Silo.ExitCodes;

namespace Orleans.Transfer.Cli.Tests;

/// <summary>
/// The runtime settings the silo's project gives its runtimeconfig.json (copied here with the referenced silo), which a
/// refactoring of the project file could drop without any test of behaviour noticing.
/// </summary>
public sealed class SiloRuntimeConfigTests
{
    [Fact]
    public void ThreadPoolWorkers_DoNotSpinBeforeWaiting() =>
        Assert.Equal(0, ConfigProperty("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit").GetInt32());

    // Dynamic PGO compiles every hot method twice more after a start; on few cores that backlog is most of a fresh
    // silo's extra cost per create (docs/benchmarks.md, scale: the first seconds after a start).
    [Fact]
    public void Jit_DoesNotInstrumentForDynamicPgo() =>
        Assert.False(ConfigProperty("System.Runtime.TieredPGO").GetBoolean());

    [Fact]
    public void Ntlm_IsTheRuntimesOwn() =>
        Assert.True(ConfigProperty("System.Net.Security.UseManagedNtlm").GetBoolean());

    private static JsonElement ConfigProperty(string name)
    {
        var silo = typeof(SiloExitCodes).Assembly.Location;
        var path = Path.ChangeExtension(silo, ".runtimeconfig.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties").GetProperty(name).Clone();
    }
}
