using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Transfer.Client;
using Orleans.Transfer.Testing.Samba;

namespace Orleans.Transfer.Integration.Tests.Smb;

/// <summary>
/// One real silo process (SQLite profile) and one real Samba server for the SMB tests that neither kill the silo nor
/// stop smbd; every test uses its own files and jobs.
/// </summary>
public sealed class SmbSiloFixture : IAsyncLifetime
{
    private IHost? _host;

    public string Root { get; } = Directory.CreateTempSubdirectory("xfer-smb-").FullName;

    public SambaServer Samba { get; private set; } = null!;

    public SiloProcess Silo { get; private set; } = null!;

    public ITransferClient Client => _host!.Services.GetRequiredService<ITransferClient>();

    /// <summary>A new empty local directory under the fixture's root.</summary>
    public string NewDirectory(string name) => Directory.CreateDirectory(Path.Combine(Root, name + "-" + Guid.NewGuid().ToString("N")[..8])).FullName;

    public async Task InitializeAsync()
    {
        Samba = await SambaServer.CreateAsync();
        Silo = new SiloProcess(Directory.CreateDirectory(Path.Combine(Root, "home")).FullName, await StorageProfiles.EnvironmentForAsync("Sqlite"));
        await Silo.StartAsync();
        _host = await SiloClients.ConnectAsync(Silo);
    }

    public async Task DisposeAsync()
    {
        _host?.Dispose();
        await Silo.DisposeAsync();
        await Samba.DisposeAsync();
        Directory.Delete(Root, recursive: true);
    }
}
