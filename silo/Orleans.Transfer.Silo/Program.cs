using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Transfer.Dashboard.Hosting;
using Orleans.Transfer.Grains.Cluster;
using Orleans.Transfer.Grains.Hosting;
using Orleans.Transfer.LocalApi.Hosting;
using Orleans.Transfer.Silo;
using Orleans.Transfer.Silo.Logging;
using Orleans.Transfer.Silo.Secrets;
using Orleans.Transfer.Silo.Telemetry;
using Orleans.Transfer.Silo.Status;
using Orleans.Transfer.Silo.Uploads;
using Orleans.Transfer.Storage;
using Orleans.Transfer.Storage.Clustering;

// Before anything creates a file: the database, its WAL, the pid file and the keys are the service account's alone.
PrivateDataDirectory.RestrictNewFiles();

// The ASP.NET Core host, for the local API's Kestrel; it listens on the local API endpoint only, never on a TCP port.
var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
{
    Args = args,
    ContentRootPath = AppContext.BaseDirectory,
});
builder.Configuration.AddInMemoryCollection(EnvironmentAliases.Read());

// The slim builder logs to the console only; keep the EventSource logger for dotnet-trace and dotnet-monitor.
builder.Logging.AddEventSourceLogger();
builder.Services.AddWindowsService(o => o.ServiceName = "OrleansTransfer");
builder.Services.AddSystemd();
builder.Services.AddServiceEventLogSource();
builder.Services.AddOptions<SiloHostOptions>()
    .BindConfiguration(SiloHostOptions.SectionName)
    .ValidateDataAnnotations()
    .ValidateOnStart();
builder.Services.AddHostedService<PidFileService>();
builder.Services.TryAddSingleton<ServiceStartFailure>();

var hostOptions = builder.Configuration.GetSection(SiloHostOptions.SectionName).Get<SiloHostOptions>() ?? new SiloHostOptions();
if (PrivateDataDirectory.Restrict(hostOptions.DataDirectory) is { } notPrivate)
{
    await Console.Error.WriteLineAsync(notPrivate);
    return ExitCodes.DataDirectoryNotPrivate;
}

using var dataDirectoryLock = DataDirectoryLock.TryAcquire(hostOptions.DataDirectory);
if (dataDirectoryLock is null)
{
    await Console.Error.WriteLineAsync(
        $"Another Orleans.Transfer silo is using the data directory {hostOptions.DataDirectory} (its pid is in silo.pid there). "
        + "Stop it with 'xfer service stop', or give this silo its own data directory with XFER_HOME.");
    return ExitCodes.DataDirectoryInUse;
}

// A SQLite database moved out of the data directory gets the same lock beside it: two silos on one database would resume
// the same jobs, and a silo alone on SQLite leaves out the fence a second one would need (JobCompletion.FencesBeforeMoves).
var storageOptions = builder.Configuration.GetSection(TransferStorageOptions.SectionName).Get<TransferStorageOptions>() ?? new TransferStorageOptions();
// Compared as the file system does (a trailing separator, Windows' case): the same directory locked twice would refuse
// this silo's own start.
var databaseElsewhere = storageOptions.Profile == StorageProfile.Sqlite
    && !string.Equals(
        Path.TrimEndingDirectorySeparator(Path.GetFullPath(storageOptions.DataDirectory)),
        Path.TrimEndingDirectorySeparator(Path.GetFullPath(hostOptions.DataDirectory)),
        OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
using var databaseLock = databaseElsewhere ? DataDirectoryLock.TryAcquire(Directory.CreateDirectory(storageOptions.DataDirectory).FullName) : null;
if (databaseElsewhere && databaseLock is null)
{
    await Console.Error.WriteLineAsync(
        $"Another Orleans.Transfer silo is using the database directory {storageOptions.DataDirectory} ({TransferStorageOptions.SectionName}:DataDirectory). "
        + "Stop it with 'xfer service stop', or give this silo its own database directory.");
    return ExitCodes.DataDirectoryInUse;
}

LocalApiEndpoint localApi;
try
{
    localApi = LocalApiEndpoint.ForService(hostOptions.DataDirectory);
}
catch (ArgumentException ex)
{
    await Console.Error.WriteLineAsync(ex.Message);
    return ExitCodes.InvalidLocalApiAddress;
}

var (uploadServer, uploadHosting, uploadProblems) = UploadServerHosting.Read(builder.Configuration);
if (uploadProblems.Count > 0)
{
    await Console.Error.WriteLineAsync("The BITS upload server cannot start:\n  " + string.Join("\n  ", uploadProblems));
    return ExitCodes.InvalidUploadServer;
}

var (telemetry, telemetryProblems) = TelemetryHosting.Read(builder.Configuration);
if (telemetryProblems.Count > 0)
{
    await Console.Error.WriteLineAsync("Telemetry export cannot start:\n  " + string.Join("\n  ", telemetryProblems));
    return ExitCodes.InvalidTelemetry;
}

var cluster = builder.Configuration.GetSection(TransferClusterOptions.SectionName).Get<TransferClusterOptions>() ?? new TransferClusterOptions();
var storageProfile = storageOptions.Profile;
if (cluster.Enabled && storageProfile != StorageProfile.PostgreSql)
{
    await Console.Error.WriteLineAsync(
        $"XFER_CLUSTER_ID ({TransferClusterOptions.SectionName}:ClusterId) is set, but the storage profile is {storageProfile}: "
        + "a cluster keeps its membership and jobs in one PostgreSQL database. Set XFER_STORAGE=PostgreSql and XFER_POSTGRES "
        + "on every silo, or unset XFER_CLUSTER_ID to run this silo alone (docs/cluster.md).");
    return ExitCodes.ClusteringNeedsPostgreSql;
}

builder.Services.AddTransferLocalApi(builder.Configuration);
builder.Services.AddServiceStatusListeners(hostOptions, builder.Configuration, uploadServer);
builder.WebHost.UseTransferLocalApi(localApi);

builder.UseOrleans(silo =>
{
    if (cluster.Enabled)
    {
        // Membership in the PostgreSQL database; the endpoints below are what the other silos and clients are told.
        silo.UseTransferClustering();
    }
    else
    {
        silo.UseLocalhostClustering(hostOptions.SiloPort, hostOptions.GatewayPort, serviceId: StorageNames.ServiceId, clusterId: StorageNames.ServiceId);

        // One silo, so every grain is local and a directory lookup costs about what a cache hit does; Orleans' default
        // cache is pre-sized for 1,000,000 grains (19 MB) and keeps an entry for every job ever activated, collected or not.
        silo.Configure<GrainDirectoryOptions>(o => o.CacheSize = 10_000);
    }

    silo.Configure<EndpointOptions>(o =>
    {
        var address = IPAddress.Parse(hostOptions.ListenAddress);
        o.AdvertisedIPAddress = address.Equals(IPAddress.Any) ? IPAddress.Loopback : address;
        o.SiloPort = hostOptions.SiloPort;
        o.GatewayPort = hostOptions.GatewayPort;
        o.SiloListeningEndpoint = new IPEndPoint(address, hostOptions.SiloPort);
        o.GatewayListeningEndpoint = new IPEndPoint(address, hostOptions.GatewayPort);
    });
    silo.AddTransferStorage(o => builder.Configuration.GetSection(TransferStorageOptions.SectionName).Bind(o));
    silo.AddTransferService();
    silo.AddTransferCluster(cluster);
    silo.UseTransferTls(hostOptions.DataDirectory, builder.Configuration);
});

// After the silo: the upload server's sessions are grains. Its own Kestrel, on its own port (see UploadServerHost).
if (uploadServer is not null)
{
    builder.Services.AddTransferUploadServer(uploadServer, uploadHosting);
}

// Only when an export is configured: off, not one OpenTelemetry type is loaded (docs/telemetry.md).
if (telemetry is not null)
{
    builder.Services.AddTransferTelemetry(telemetry);
}
// The web dashboard, also on its own Kestrel (127.0.0.1:XFER_WEB_PORT); its login links are minted by the local API.
builder.Services.AddTransferDashboard(builder.Configuration);

var app = builder.Build();
app.MapTransferLocalApi().MapTransferDashboardLogin();

// Resolved before the run: the host's services are disposed when it returns.
var startFailure = app.Services.GetRequiredService<ServiceStartFailure>();
await app.RunAsync();
if (startFailure is { ExitCode: { } exitCode, Message: { } message })
{
    await Console.Error.WriteLineAsync(message);
    return exitCode;
}

return 0;
