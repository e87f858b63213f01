using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Worker;

/// <summary>Registers the silo's file flusher.</summary>
public static class FileFlusherServiceCollectionExtensions
{
    /// <summary>
    /// Adds the file flusher the transfer worker hands finished downloads' final fsyncs to, with
    /// <see cref="FileFlushOptions"/> (the silo binds <c>Transfer:Flush</c>), validated at start. Calling it again changes nothing.
    /// </summary>
    /// <param name="services">The service collection.</param>
    public static IServiceCollection AddFileFlusher(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddTransferDiagnostics();
        services.AddOptions<FileFlushOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FileFlushOptions>, FileFlushOptionsValidator>());
        services.TryAddSingleton<FileFlusher>();
        return services;
    }
}
