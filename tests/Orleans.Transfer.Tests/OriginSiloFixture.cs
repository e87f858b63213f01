using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Orleans.Transfer.Tests;

/// <summary>
/// One in-process silo with its own data and download directories, plus a real HTTP origin on 127.0.0.1. A fixture
/// deriving from it registers its silo's services in <see cref="ConfigureSilo"/>.
/// </summary>
public abstract class OriginSiloFixture : IAsyncLifetime
{
    protected OriginSiloFixture(string name)
    {
        DataDirectory = Directory.CreateTempSubdirectory($"xfer-{name}-").FullName;
        DownloadDirectory = Directory.CreateTempSubdirectory($"xfer-{name}-downloads-").FullName;
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(DownloadDirectory, (UnixFileMode)0b111_101_101);
        }
    }

    public string DataDirectory { get; }

    public string DownloadDirectory { get; }

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public TestOrigin.TestOrigin Origin { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public async Task InitializeAsync()
    {
        Origin = await TestOrigin.TestOrigin.StartAsync();
        await PrepareAsync();
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) => ConfigureSilo(silo));
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public virtual async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await Origin.DisposeAsync();
        Directory.Delete(DownloadDirectory, recursive: true);
        Directory.Delete(DataDirectory, recursive: true);
    }

    /// <summary>
    /// A destination path in a directory of its own, which any owner a test names (a <c>unix:&lt;uid&gt;</c> without an
    /// account too) may write in, as a job's owner must: the create checks it with the owner's rights.
    /// </summary>
    public string NewDestination(string name = "file.bin")
    {
        var directory = Directory.CreateDirectory(Path.Combine(DownloadDirectory, Guid.NewGuid().ToString("N"))).FullName;
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(directory, (UnixFileMode)0b111_111_111);
        }

        return Path.Combine(directory, name);
    }

    /// <summary>Runs before the silo is built (a database of its own, say).</summary>
    protected virtual Task PrepareAsync() => Task.CompletedTask;

    /// <summary>Registers the silo's services (the silo runs in this process, so the fixture's own objects can be used).</summary>
    protected abstract void ConfigureSilo(ISiloBuilder silo);

    /// <summary>
    /// Replaces a service the silo registered (its last registration: the worker, the local path checker, the catalog)
    /// with a wrapper around it.
    /// </summary>
    protected static void Wrap<TService>(ISiloBuilder silo, Func<TService, TService> wrap)
        where TService : class
    {
        ArgumentNullException.ThrowIfNull(silo);
        var real = silo.Services.Last(d => d.ServiceType == typeof(TService));
        silo.Services.Remove(real);
        silo.Services.AddSingleton(sp => wrap(
            (TService)(real.ImplementationInstance ?? real.ImplementationFactory?.Invoke(sp) ?? ActivatorUtilities.CreateInstance(sp, real.ImplementationType!))));
    }
}
