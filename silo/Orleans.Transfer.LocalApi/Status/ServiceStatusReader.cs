using System.Diagnostics;
using System.Reflection;
using Microsoft.Extensions.Options;
using Orleans.Transfer.LocalApi.Access;
using Orleans.Transfer.LocalApi.Hosting;

namespace Orleans.Transfer.LocalApi.Status;

/// <summary>
/// Builds the caller's <see cref="ServiceStatus"/>: the process's facts, the configured listeners, jobs by state from
/// the catalog's counters, scoped by <see cref="JobAccessPolicy.ScopeStatusCounts"/>, and in a cluster this silo's view
/// of the bandwidth policy and background cap (the service's, like the policy: every caller may read it).
/// </summary>
internal sealed class ServiceStatusReader(IOptions<ServiceStatusOptions> options, IGrainFactory grains, IServiceProvider services)
{
    // One catalog per service (as the listing's), one bandwidth policy grain per silo.
    private const long CatalogKey = 0;
    private const long PolicyKey = 0;

    private static readonly string s_version = ReadVersion();
    private static readonly (int Id, DateTimeOffset StartedAt) s_process = ReadProcess();

    public async Task<ServiceStatus> ReadAsync(CallerInfo caller, CancellationToken cancellationToken)
    {
        var owners = JobAccessPolicy.ScopeStatusCounts(caller);
        var jobs = await grains.GetGrain<IJobCatalogGrain>(CatalogKey).CountByStateAsync(owners).WaitAsync(cancellationToken);
        var cluster = await grains.GetGrain<IBandwidthPolicyGrain>(PolicyKey).GetClusterStatusAsync().WaitAsync(cancellationToken);
        return new ServiceStatus(s_version, s_process.Id, s_process.StartedAt, options.Value.Store, Listeners(), owners is null, jobs, cluster);
    }

    /// <summary>What the service is, without asking the grains: for the log line at start.</summary>
    public (string Version, int ProcessId, string Store, IReadOnlyList<ServiceListener> Listeners) Describe() =>
        (s_version, s_process.Id, options.Value.Store, Listeners());

    private List<ServiceListener> Listeners()
    {
        List<ServiceListener> listeners = [];
        if (services.GetService(typeof(LocalApiEndpoint)) is LocalApiEndpoint endpoint)
        {
            listeners.Add(new ServiceListener("localApi", endpoint.SocketPath is { } path ? $"unix:{path}" : $"pipe:{endpoint.PipeName}"));
        }

        listeners.AddRange(options.Value.Listeners);
        return listeners;
    }

    private static string ReadVersion()
    {
        var assembly = Assembly.GetEntryAssembly() ?? typeof(ServiceStatusReader).Assembly;
        return assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString()
            ?? "unknown";
    }

    private static (int, DateTimeOffset) ReadProcess()
    {
        using var process = Process.GetCurrentProcess();
        return (process.Id, new DateTimeOffset(process.StartTime.ToUniversalTime(), TimeSpan.Zero));
    }
}
