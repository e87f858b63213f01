using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Transfer.Worker;

namespace Orleans.Transfer.Testing.FakeTransport;

public static class FakeTransportServiceCollectionExtensions
{
    /// <summary>Adds the <c>fake://</c> transport reading <paramref name="remote"/>: the one line a new transport needs.</summary>
    public static IServiceCollection AddFakeTransport(this IServiceCollection services, FakeRemote remote)
    {
        services.TryAddSingleton(remote);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITransport, FakeTransport>());
        return services;
    }
}
