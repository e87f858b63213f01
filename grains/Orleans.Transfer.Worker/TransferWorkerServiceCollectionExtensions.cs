using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Transfer.Worker.Finishing;

namespace Orleans.Transfer.Worker;

/// <summary>Registers the transfer worker.</summary>
public static class TransferWorkerServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="ITransferWorker"/> (<see cref="HttpTransferWorker"/>), its validated
    /// <see cref="TransferWorkerOptions"/>, the silo's <see cref="IBandwidthController"/> (unlimited until
    /// <see cref="AddTransferBandwidthConfiguration"/> or <see cref="IBandwidthController.Update"/> says otherwise),
    /// <see cref="TimeProvider.System"/> unless a TimeProvider is registered, one shared HTTP connection pool, and the
    /// silo's <see cref="INetworkMonitor"/> (with <see cref="InterfaceNetworkProbe"/> unless an
    /// <see cref="INetworkProbe"/> is registered).
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

        // One long-lived handler: connection pooling across files, with PooledConnectionLifetime handling DNS.
        // The factory's request loggers are removed because they would log URLs, which may carry credentials.
        services.AddHttpClient(HttpTransferWorker.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(sp => CreateHandler(sp.GetRequiredService<IOptions<TransferWorkerOptions>>().Value))
            .ConfigureHttpClient((sp, client) =>
            {
                // Stalls are detected per read (StallTimeout); a whole-request timeout would cut large files.
                client.Timeout = Timeout.InfiniteTimeSpan;
                var userAgent = sp.GetRequiredService<IOptions<TransferWorkerOptions>>().Value.UserAgent;
                client.DefaultRequestHeaders.UserAgent.Clear();
                client.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
                client.DefaultRequestHeaders.AcceptEncoding.Add(new StringWithQualityHeaderValue("identity"));
            })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers();
        services.AddOptions<NetworkMonitorOptions>().ValidateOnStart();
        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<NetworkMonitorOptions>, NetworkMonitorOptionsValidator>());
        services.TryAddSingleton<IFileFinisher, LocalFileFinisher>();
        services.TryAddSingleton<INetworkProbe, InterfaceNetworkProbe>();
        services.TryAddSingleton<NetworkMonitor>();
        services.TryAddSingleton<INetworkMonitor>(sp => sp.GetRequiredService<NetworkMonitor>());
        services.AddOptions<BandwidthOptions>();
        services.TryAddSingleton<BandwidthController>();
        services.TryAddSingleton<IBandwidthController>(sp => sp.GetRequiredService<BandwidthController>());
        services.TryAddSingleton<ITransferWorker>(sp => new HttpTransferWorker(
            sp.GetRequiredService<IHttpClientFactory>(),
            sp.GetRequiredService<IOptions<TransferWorkerOptions>>(),
            sp.GetRequiredService<BandwidthController>(),
            sp.GetRequiredService<INetworkMonitor>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<HttpTransferWorker>>()));
        return services;
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

    private static SocketsHttpHandler CreateHandler(TransferWorkerOptions options) => new()
    {
        // Byte offsets only mean something on the identity encoding.
        AutomaticDecompression = DecompressionMethods.None,
        AllowAutoRedirect = true,
        MaxAutomaticRedirections = 10,
        ConnectTimeout = options.ConnectTimeout,
        PooledConnectionLifetime = options.PooledConnectionLifetime,
        UseCookies = false,
    };
}
