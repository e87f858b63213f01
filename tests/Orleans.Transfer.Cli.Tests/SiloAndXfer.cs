using Orleans.Transfer.Testing;

namespace Orleans.Transfer.Cli.Tests;

/// <summary>
/// The real silo process in its own temporary home, with its local-API socket in a second temporary directory outside
/// that home, and the real <c>xfer</c> on that socket: what the end-to-end tests of the CLI start from.
/// </summary>
internal sealed class SiloAndXfer : IAsyncDisposable
{
    private SiloAndXfer(string home, string outside, IReadOnlyDictionary<string, string>? environment)
    {
        Home = home;
        Outside = outside;
        Silo = new SiloProcess(home, new Dictionary<string, string>(environment ?? new Dictionary<string, string>()) { ["XFER_SOCKET"] = Socket });
        Xfer = new XferProcess(Socket);
    }

    /// <summary>The silo's data directory (XFER_HOME).</summary>
    public string Home { get; }

    /// <summary>A temporary directory apart from <see cref="Home"/>: the socket's, and the test's own files'.</summary>
    public string Outside { get; }

    /// <summary>The local API's socket (XFER_SOCKET), in <see cref="Outside"/>.</summary>
    public string Socket => Path.Combine(Outside, "xfer.sock");

    public SiloProcess Silo { get; }

    public XferProcess Xfer { get; }

    /// <summary>Makes the two directories, named after <paramref name="name"/>, and starts the silo.</summary>
    /// <param name="name">What the directories' names start with, after <c>xfer-</c>.</param>
    /// <param name="environment">Extra environment of the silo, beside its socket.</param>
    public static async Task<SiloAndXfer> StartAsync(string name, IReadOnlyDictionary<string, string>? environment = null)
    {
        var service = new SiloAndXfer(
            Directory.CreateTempSubdirectory($"xfer-{name}-home-").FullName,
            Directory.CreateTempSubdirectory($"xfer-{name}-").FullName,
            environment);
        try
        {
            await service.Silo.StartAsync();
            return service;
        }
        catch
        {
            // Nothing owns the service yet: a test whose set-up failed must not leave a silo or directories behind.
            await service.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops the silo, then deletes both directories.</summary>
    public async ValueTask DisposeAsync()
    {
        await Silo.DisposeAsync();
        Directory.Delete(Home, recursive: true);
        Directory.Delete(Outside, recursive: true);
    }
}
