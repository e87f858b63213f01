using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Transfer.LocalApi.Endpoints;
using Orleans.Transfer.LocalApi.Identity;
using Orleans.Transfer.LocalApi.Status;

namespace Orleans.Transfer.LocalApi.Hosting;

public static class LocalApiServiceCollectionExtensions
{
    /// <summary>
    /// Adds the local API's services: <see cref="LocalApiOptions"/> from <c>Transfer:Security</c> (validated at start)
    /// and the platform's <see cref="ICallerIdentityResolver"/> unless one is registered already. The grains are reached
    /// through the <see cref="IGrainFactory"/> in the container (the silo's own). Listen with
    /// <see cref="LocalApiWebHostBuilderExtensions.UseTransferLocalApi"/> and map the routes with
    /// <see cref="LocalApiEndpointRouteBuilderExtensions.MapTransferLocalApi"/>.
    /// </summary>
    public static IServiceCollection AddTransferLocalApi(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<LocalApiOptions>()
            .Bind(configuration.GetSection(LocalApiOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LocalApiOptions>, LocalApiOptionsValidator>());
        services.TryAddSingleton(CreateResolver);
        services.TryAddSingleton<JobEventStream>();
        services.TryAddSingleton<JobReset>();
        services.TryAddSingleton<ServiceStopper>();
        services.AddOptions<ServiceStatusOptions>()
            .Validate(o => !string.IsNullOrWhiteSpace(o.Store), "ServiceStatusOptions.Store: name the storage profile (Sqlite or PostgreSql).")
            .ValidateOnStart();
        services.TryAddSingleton<ServiceStatusReader>();
        services.AddHostedService<ServiceStartedLog>();
        return services;
    }

    private static ICallerIdentityResolver CreateResolver(IServiceProvider services) =>
        OperatingSystem.IsWindows()
            ? new WindowsCallerIdentityResolver()
            : ActivatorUtilities.CreateInstance<UnixCallerIdentityResolver>(services);
}
