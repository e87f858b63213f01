namespace Orleans.Transfer.Integration.Tests;

/// <summary>One real silo, privileged and so with TLS on, shared by the tests of <see cref="OrleansTlsTests"/>.</summary>
public sealed class TlsSiloFixture : IAsyncLifetime
{
    public string Root { get; } = Directory.CreateTempSubdirectory("xfer-tls-").FullName;

    /// <summary>The running silo; null when not privileged (every test is skipped then).</summary>
    public SiloProcess? Silo { get; private set; }

    public async Task InitializeAsync()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            return;
        }

        Silo = new SiloProcess(Directory.CreateDirectory(Path.Combine(Root, "service")).FullName);
        await Silo.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (Silo is not null)
        {
            await Silo.DisposeAsync();
        }

        Directory.Delete(Root, recursive: true);
    }
}
