using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Transfer.LocalApi;
using Orleans.Transfer.LocalApi.Status;
using Orleans.Transfer.Storage;
using Orleans.Transfer.Uploads;

namespace Orleans.Transfer.Silo.Status;

/// <summary>Tells <c>xfer service status</c> what this host was configured with: its store and its TCP listeners.</summary>
internal static class ServiceStatusRegistration
{
    /// <param name="services">The host's services.</param>
    /// <param name="host">The silo's ports and listen address.</param>
    /// <param name="configuration">The storage profile is read from <c>Transfer:Storage</c>; its connection string is not.</param>
    /// <param name="uploads">The upload server's options when it runs, else null.</param>
    public static IServiceCollection AddServiceStatusListeners(
        this IServiceCollection services,
        SiloHostOptions host,
        IConfiguration configuration,
        BitsUploadServerOptions? uploads)
    {
        var store = configuration.GetSection(TransferStorageOptions.SectionName).Get<TransferStorageOptions>()?.Profile ?? StorageProfile.Sqlite;
        var address = IPAddress.Parse(host.ListenAddress);
        services.Configure<ServiceStatusOptions>(o =>
        {
            o.Store = store.ToString();
            o.Listeners.Add(new ServiceListener("silo", new IPEndPoint(address, host.SiloPort).ToString()));
            o.Listeners.Add(new ServiceListener("gateway", new IPEndPoint(address, host.GatewayPort).ToString()));
            if (uploads is not null)
            {
                var scheme = uploads.CertificatePath is null ? "http" : "https";
                o.Listeners.Add(new ServiceListener("uploads", $"{scheme}://{new IPEndPoint(IPAddress.Parse(uploads.ListenAddress), uploads.Port)}/"));
            }
        });
        return services;
    }
}
