using Microsoft.Extensions.DependencyInjection;
using Orleans.Transfer.Worker;

namespace Orleans.Transfer.Testing.FakeUploads;

public static class StandInUploadTransportServiceCollectionExtensions
{
    /// <summary>
    /// Lets jobs take http and https upload URLs when no registered transport uploads yet (the BITS upload transport
    /// does once it is registered; two claims of one scheme would stop the silo). Call it before registering a test's
    /// own <see cref="IUploadSessionControl"/>: the BITS upload transport registers one with itself, which tells it is
    /// there even when it is registered through a factory.
    /// </summary>
    public static IServiceCollection AddStandInUploadTransport(this IServiceCollection services)
    {
        var uploads = services.Any(d => d.ServiceType == typeof(IUploadSessionControl)
            || (d.ServiceType == typeof(ITransport)
                && (d.ImplementationType ?? d.ImplementationInstance?.GetType()) is { } type
                && typeof(IUploadTransport).IsAssignableFrom(type)));
        if (!uploads)
        {
            services.AddSingleton<ITransport, StandInUploadTransport>();
        }

        return services;
    }
}
