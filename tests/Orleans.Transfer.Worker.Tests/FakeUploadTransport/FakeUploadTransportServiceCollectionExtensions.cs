using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Orleans.Transfer.Worker.Tests;

internal static class FakeUploadTransportServiceCollectionExtensions
{
    /// <summary>Adds uploads to <c>fake://</c> URLs on <paramref name="receiver"/>: the one line a new transport needs.</summary>
    public static IServiceCollection AddFakeUploadTransport(this IServiceCollection services, FakeReceiver receiver)
    {
        services.TryAddSingleton(receiver);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITransport, FakeUploadTransport>());
        return services;
    }
}
