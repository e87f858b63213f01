namespace Orleans.Transfer.Integration.Tests.Telemetry;

/// <summary>Telemetry off (the default) costs nothing: the running silo has not loaded one OpenTelemetry assembly.</summary>
public sealed class TelemetryOffTests : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("xfer-telemetry-off-").FullName;
    private SiloProcess? _silo;

    public async Task InitializeAsync()
    {
        _silo = new SiloProcess(Directory.CreateDirectory(Path.Combine(_root, "home")).FullName, new Dictionary<string, string>
        {
            ["XFER_SOCKET"] = Path.Combine(_root, "xfer.sock"),
        });
        await _silo.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }

        Directory.Delete(_root, recursive: true);
    }

    [LinuxFact("the loaded assemblies are read from /proc/<pid>/maps")]
    public async Task StartedSilo_WithoutTelemetrySettings_HasNoOpenTelemetryAssemblyLoaded()
    {
        // The pid file is written once the host has started; the local API's socket is the last thing it opens.
        await SiloClients.UntilAsync(
            () => Task.FromResult(File.Exists(Path.Combine(_root, "xfer.sock"))), "the local API's socket", TimeSpan.FromSeconds(60), _silo!);

        var maps = await File.ReadAllTextAsync($"/proc/{_silo!.ProcessId}/maps");

        Assert.Contains("Orleans.Transfer.Silo.dll", maps, StringComparison.Ordinal);
        Assert.DoesNotContain("OpenTelemetry", maps, StringComparison.Ordinal);
    }
}
