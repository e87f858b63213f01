using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Orleans.Transfer.Worker;

/// <summary>Registers the BITS upload transport.</summary>
public static class BitsUploadServiceCollectionExtensions
{
    /// <summary>
    /// Adds the <c>bits-upload</c> transport (uploads to http and https URLs; downloads stay with the http transport),
    /// its validated <see cref="BitsUploadOptions"/>, and <see cref="IUploadSessionControl"/>. Needs the http
    /// transport's handler pool (<see cref="HttpTransportServiceCollectionExtensions.AddHttpTransport"/>), which it
    /// adds; <see cref="TransferWorkerServiceCollectionExtensions.AddTransferWorker"/> calls it; calling it again changes nothing.
    /// </summary>
    /// <param name="services">The service collection.</param>
    public static IServiceCollection AddBitsUploadTransport(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(ITransport) && d.ImplementationType == typeof(BitsUploadTransport)))
        {
            return services;
        }

        services.AddHttpTransport();
        services.AddSingleton<ITransport, BitsUploadTransport>();
        services.AddOptions<BitsUploadOptions>().ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BitsUploadOptions>, BitsUploadOptionsValidator>());
        services.TryAddSingleton<UploadSessionControl>();
        services.TryAddSingleton<IUploadSessionControl>(sp => sp.GetRequiredService<UploadSessionControl>());
        return services;
    }
}
