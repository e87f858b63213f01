using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Orleans.Transfer.Grains.Costs;

/// <summary>Registers the jobs' side of network cost: the administrator's default policy and the change service.</summary>
internal static class CostPolicyServiceCollectionExtensions
{
    public static IServiceCollection AddJobCostPolicy(this IServiceCollection services)
    {
        services.AddOptions<CostPolicyOptions>().BindConfiguration(CostPolicyOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CostPolicyOptions>, CostPolicyOptionsValidator>());
        services.AddHostedService<NetworkCostChangeService>();
        return services;
    }
}
