using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Transfer.Diagnostics;
using Orleans.Transfer.Worker.Finishing;
using Orleans.Transfer.Worker.LocalPaths;
using Orleans.Transfer.Worker.OwnerFiles;

namespace Orleans.Transfer.Worker;

/// <summary>Registers the transfer worker.</summary>
public static class TransferWorkerServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="ITransferWorker"/> (<see cref="TransferWorker"/>), its validated
    /// <see cref="TransferWorkerOptions"/>, the <see cref="ITransportRegistry"/> with the http and file transports
    /// (<see cref="HttpTransportServiceCollectionExtensions.AddHttpTransport"/>,
    /// <see cref="FileTransportServiceCollectionExtensions.AddFileTransport"/>; add others with their own
    /// <c>AddXTransport()</c>), the silo's <see cref="IBandwidthController"/> (unlimited until
    /// <see cref="AddTransferBandwidthConfiguration"/> or <see cref="IBandwidthController.Update"/> says otherwise),
    /// <see cref="TimeProvider.System"/> unless a TimeProvider is registered, the service's metrics
    /// (<see cref="TransferDiagnosticsServiceCollectionExtensions.AddTransferDiagnostics"/>), <see cref="IFileFinisher"/>, <see cref="IFileReader"/> and <see cref="ILocalPathChecker"/>,
    /// and the silo's <see cref="INetworkMonitor"/> (with <see cref="InterfaceNetworkProbe"/> unless an
    /// <see cref="INetworkProbe"/> is registered), the silo's <see cref="INetworkCostMonitor"/>
    /// (<see cref="NetworkCostServiceCollectionExtensions.AddNetworkCost"/>), receive-side yielding of background downloads
    /// (<see cref="YieldServiceCollectionExtensions.AddYielding"/>), the file flusher for finished downloads' final fsyncs
    /// (<see cref="FileFlusherServiceCollectionExtensions.AddFileFlusher"/>), and the owner-rights file access every local file operation goes
    /// through (<see cref="OwnerFileAccessOptions"/>; bind them with <see cref="AddOwnerFileAccessConfiguration"/>).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Optional changes to the default options.</param>
    public static IServiceCollection AddTransferWorker(
        this IServiceCollection services,
        Action<TransferWorkerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<TransferWorkerOptions>().ValidateDataAnnotations().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<TransferWorkerOptions>, TransferWorkerOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        services.AddTransferDiagnostics();
        services.AddHttpTransport();
        services.AddBitsUploadTransport();
        services.AddFileTransport();
        services.AddSmbTransport();
        services.TryAddSingleton<TransportRegistry>();
        services.TryAddSingleton<ITransportRegistry>(sp => sp.GetRequiredService<TransportRegistry>());
        services.TryAddSingleton<IUploadCleanup, UploadCleanup>();
        services.AddOptions<NetworkMonitorOptions>().ValidateOnStart();
        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<NetworkMonitorOptions>, NetworkMonitorOptionsValidator>());
        services.AddOwnerFileAccess();
        services.TryAddSingleton<IFileFinisher, LocalFileFinisher>();
        services.TryAddSingleton<IFileReader, LocalFileReader>();
        services.TryAddSingleton<ILocalPathChecker, OwnerLocalPathChecker>();
        services.TryAddSingleton<INetworkProbe, InterfaceNetworkProbe>();
        services.TryAddSingleton<NetworkMonitor>();
        services.TryAddSingleton<INetworkMonitor>(sp => sp.GetRequiredService<NetworkMonitor>());
        services.AddNetworkCost();
        services.AddYielding();
        services.AddFileFlusher();
        services.AddOptions<BandwidthOptions>();
        services.TryAddSingleton<BandwidthController>();
        services.TryAddSingleton<IBandwidthController>(sp => sp.GetRequiredService<BandwidthController>());
        services.TryAddSingleton<ITransferWorker>(sp => new TransferWorker(
            sp.GetRequiredService<TransportRegistry>(),
            sp.GetRequiredService<IOwnerFileSystem>(),
            sp.GetRequiredService<IOptions<TransferWorkerOptions>>(),
            sp.GetRequiredService<BandwidthController>(),
            sp.GetRequiredService<INetworkMonitor>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<TransferInstruments>(),
            sp.GetRequiredService<ILogger<TransferWorker>>(),
            sp.GetService<YieldRegistry>(),
            sp.GetService<FileFlusher>()));
        return services;
    }

    /// <summary>
    /// Binds <see cref="OwnerFileAccessOptions"/> to the <see cref="OwnerFileAccessOptions.SectionName"/> section of
    /// <paramref name="configuration"/>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The host's configuration root.</param>
    public static IServiceCollection AddOwnerFileAccessConfiguration(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services.Configure<OwnerFileAccessOptions>(configuration.GetSection(OwnerFileAccessOptions.SectionName));
    }

    /// <summary>
    /// Binds <see cref="BandwidthOptions"/> to the <see cref="BandwidthOptions.SectionName"/> section of
    /// <paramref name="configuration"/>; reloads of that section (appsettings.json with reloadOnChange) reach running
    /// transfers within a second.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The host's configuration root.</param>
    public static IServiceCollection AddTransferBandwidthConfiguration(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services.Configure<BandwidthOptions>(configuration.GetSection(BandwidthOptions.SectionName));
    }
}
