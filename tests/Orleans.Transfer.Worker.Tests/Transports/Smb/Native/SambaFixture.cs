using Orleans.Transfer.Testing.Samba;

namespace Orleans.Transfer.Worker.Tests.Transports.Smb.Native;

/// <summary>One Samba server for the tests that leave it running.</summary>
public sealed class SambaFixture : IAsyncLifetime
{
    private SambaServer? _server;

    public SambaServer Server => _server ?? throw new InvalidOperationException("The Samba server has not started.");

    public async Task InitializeAsync()
    {
        if (OperatingSystem.IsLinux())
        {
            _server = await SambaServer.CreateAsync();
        }
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
