using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Orleans.Transfer.Worker.Tests;

internal static class FakeTransportServiceCollectionExtensions
{
    /// <summary>Adds the <c>fake://</c> transport reading <paramref name="remote"/>: the one line a new transport needs.</summary>
    public static IServiceCollection AddFakeTransport(this IServiceCollection services, FakeRemote remote)
    {
        services.TryAddSingleton(remote);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITransport, FakeTransport>());
        return services;
    }
}
