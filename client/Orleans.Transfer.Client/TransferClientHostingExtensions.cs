using Microsoft.Extensions.Hosting;

namespace Orleans.Transfer.Client;

/// <summary>Connects a host to the transfer service.</summary>
public static class TransferClientHostingExtensions
{
    /// <summary>Adds the transfer client to the host; see <see cref="TransferClientServiceCollectionExtensions.AddTransferClient"/>.</summary>
    /// <param name="builder">The host builder.</param>
    /// <param name="configure">Changes the defaults of <see cref="TransferClientOptions"/>.</param>
    /// <returns>The host builder.</returns>
    public static IHostBuilder UseTransferClient(this IHostBuilder builder, Action<TransferClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.ConfigureServices(services => services.AddTransferClient(configure));
    }

    /// <summary>Adds the transfer client to the host; see <see cref="TransferClientServiceCollectionExtensions.AddTransferClient"/>.</summary>
    /// <param name="builder">The host application builder.</param>
    /// <param name="configure">Changes the defaults of <see cref="TransferClientOptions"/>.</param>
    /// <returns>The host application builder.</returns>
    public static IHostApplicationBuilder UseTransferClient(this IHostApplicationBuilder builder, Action<TransferClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddTransferClient(configure);
        return builder;
    }
}
