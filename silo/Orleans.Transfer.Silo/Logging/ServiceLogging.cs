using System.Runtime.Versioning;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.EventLog;

namespace Orleans.Transfer.Silo.Logging;

/// <summary>
/// Where the service's log goes when it runs as a service, as BITS writes its operational log (docs/operations.md).
/// Under systemd, <c>AddSystemd</c> already switches the console logger to the systemd formatter: one line per entry
/// with a <c>&lt;N&gt;</c> syslog priority prefix, which journald stores as the entry's priority (<c>journalctl -p warning</c>).
/// As a Windows service, <c>AddWindowsService</c> adds the Event Log provider; this names its source and log, so entries
/// carry our event ids under source <see cref="EventLogSource"/> in the Application log. Its levels come from
/// <c>Logging:EventLog:LogLevel</c> (appsettings.json). Elsewhere (a console, Linux without systemd) neither applies.
/// </summary>
internal static class ServiceLogging
{
    /// <summary>The Event Log source; scripts/windows/install-service.ps1 registers it.</summary>
    public const string EventLogSource = "OrleansTransfer";

    /// <summary>The Event Log the source writes to.</summary>
    public const string EventLogName = "Application";

    public static IServiceCollection AddServiceEventLogSource(this IServiceCollection services)
    {
        // Inert unless the Event Log provider was added, which only a Windows service does; nothing at all elsewhere.
        if (OperatingSystem.IsWindows())
        {
            services.Configure<EventLogSettings>(ConfigureEventLog);
        }

        return services;
    }

    [SupportedOSPlatform("windows")]
    private static void ConfigureEventLog(EventLogSettings settings)
    {
        settings.SourceName = EventLogSource;
        settings.LogName = EventLogName;
    }
}
