using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Orleans.Transfer.Grains.Cluster;
using Orleans.Transfer.Uploads;

namespace Orleans.Transfer.Silo.Uploads;

/// <summary>Whether and how the silo hosts the BITS upload server (docs/uploads.md, "Hosting the upload server").</summary>
internal static class UploadServerHosting
{
    /// <summary>
    /// Reads <c>Transfer:Uploads</c> (with XFER_UPLOAD_ROOT and XFER_UPLOAD_PORT already mapped onto it): null options
    /// when no directory is configured (the server is off), else the options and what is wrong with them, if anything.
    /// </summary>
    public static (BitsUploadServerOptions? Options, UploadHostingOptions Hosting, IReadOnlyList<string> Problems) Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(BitsUploadServerOptions.SectionName);
        var options = section.Get<BitsUploadServerOptions>() ?? new BitsUploadServerOptions();
        var hosting = section.Get<UploadHostingOptions>() ?? new UploadHostingOptions();
        if (options.Directories.Count == 0)
        {
            return (null, hosting, []);
        }

        return (options, hosting, [.. new UploadServerOptionsValidator(hosting, IsClustered(configuration)).Problems(options)]);
    }

    /// <summary>Whether this silo is one of a cluster (XFER_CLUSTER_ID), where every directory must say whether its root is shared.</summary>
    public static bool IsClustered(IConfiguration configuration) =>
        configuration.GetSection(TransferClusterOptions.SectionName).Get<TransferClusterOptions>()?.Enabled ?? false;

    /// <summary>Runs the upload server beside the silo; call after <c>UseOrleans</c>, so it starts after the silo and stops before it.</summary>
    public static IServiceCollection AddTransferUploadServer(this IServiceCollection services, BitsUploadServerOptions options, UploadHostingOptions hosting)
    {
        services.TryAddSingleton<ServiceStartFailure>();
        services.AddSingleton(sp => new UploadServerHost(
            options,
            hosting,
            sp.GetRequiredService<IConfiguration>(),
            sp.GetRequiredService<IGrainFactory>(),
            sp.GetRequiredService<ILoggerFactory>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ServiceStartFailure>(),
            sp.GetRequiredService<ILogger<UploadServerHost>>()));
        services.AddHostedService(sp => sp.GetRequiredService<UploadServerHost>());
        return services;
    }
}
