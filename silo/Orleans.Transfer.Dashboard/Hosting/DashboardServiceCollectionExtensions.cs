using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Transfer.Dashboard.Options;
using Orleans.Transfer.Dashboard.Sessions;

namespace Orleans.Transfer.Dashboard.Hosting;

public static class DashboardServiceCollectionExtensions
{
    /// <summary>
    /// Runs the web dashboard beside the silo with <see cref="DashboardOptions"/> from <c>Transfer:Dashboard</c>
    /// (validated at start). Call after <c>UseOrleans</c>, so it starts after the silo and stops before it, and map the
    /// login route into the local API with <see cref="DashboardLoginEndpoint.MapTransferDashboardLogin"/>.
    /// </summary>
    public static IServiceCollection AddTransferDashboard(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<DashboardOptions>()
            .Bind(configuration.GetSection(DashboardOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DashboardOptions>, DashboardOptionsValidator>());
        services.TryAddSingleton<DashboardSessions>();
        services.TryAddSingleton<DashboardHost>();
        services.AddHostedService(sp => sp.GetRequiredService<DashboardHost>());
        return services;
    }
}
