using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace Orleans.Transfer.Client;

/// <summary>Registers the transfer service client.</summary>
public static class TransferClientServiceCollectionExtensions
{
    /// <summary>
    /// Adds an Orleans client connected to the transfer service's gateway (static, <c>127.0.0.1:30000</c> unless
    /// configured otherwise) and registers <see cref="ITransferClient"/> as a singleton.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Changes the defaults of <see cref="TransferClientOptions"/>.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddTransferClient(this IServiceCollection services, Action<TransferClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);

        // The gateway must be known now, while the Orleans client is being configured; the same delegate also
        // configures the options the facade reads at run time.
        var options = new TransferClientOptions();
        configure?.Invoke(options);

        var optionsBuilder = services.AddOptions<TransferClientOptions>();
        if (configure is not null)
        {
            optionsBuilder.Configure(configure);
        }

        services.AddOrleansClient(client =>
        {
            client.UseStaticClustering(new IPEndPoint(options.GatewayAddress, options.GatewayPort));
            client.Configure<ClusterOptions>(cluster =>
            {
                cluster.ServiceId = TransferClientOptions.ServiceId;
                cluster.ClusterId = TransferClientOptions.ServiceId;
            });
        });

        services.TryAddSingleton<ITransferClient, TransferClient>();
        return services;
    }
}
