using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Orleans.Transfer.Cli.Service;
using Orleans.Transfer.Client;
using Orleans.Transfer.LocalApi;
using Orleans.Transfer.Silo;
using Orleans.Transfer.Silo.Uploads;
using SiloExitCodes = Orleans.Transfer.Silo.ExitCodes;

namespace Orleans.Transfer.Cli.Tests;

/// <summary>
/// Pins each item of docs/contracts.md, what scripts and other programs rely on. A failure here means a published
/// contract changed: change it on purpose and in the doc, or not at all.
/// </summary>
[Collection(EnvironmentCollection.Name)]
public sealed class ContractTests
{
    [Fact]
    public void XferExitCodes_KeepTheirNumbers()
    {
        var codes = typeof(ExitCodes)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .ToDictionary(f => f.Name, f => (int)f.GetRawConstantValue()!);

        Assert.Equal(
            new Dictionary<string, int>
            {
                ["Success"] = 0,
                ["JobFailed"] = 1,
                ["Usage"] = 2,
                ["Refused"] = 3,
                ["ServiceUnavailable"] = 4,
                ["NotCompleted"] = 5,
                ["Failure"] = 6,
                ["Interrupted"] = 130,
            },
            codes);
    }

    [Fact]
    public void SiloExitCode_DataDirectoryInUse_IsThree() => Assert.Equal(3, SiloExitCodes.DataDirectoryInUse);

    [Fact]
    public void SiloExitCode_InvalidLocalApiAddress_IsFour() => Assert.Equal(4, SiloExitCodes.InvalidLocalApiAddress);

    [Fact]
    public void SiloExitCode_DataDirectoryNotPrivate_IsFive() => Assert.Equal(5, SiloExitCodes.DataDirectoryNotPrivate);

    [Fact]
    public void SiloExitCode_InvalidUploadServer_IsSix() => Assert.Equal(6, SiloExitCodes.InvalidUploadServer);

    [Fact]
    public void SiloExitCode_ClusteringNeedsPostgreSql_IsEight() => Assert.Equal(8, SiloExitCodes.ClusteringNeedsPostgreSql);

    [Fact]
    public void SiloExitCode_PortUnavailable_IsNine() => Assert.Equal(9, SiloExitCodes.PortUnavailable);

    [Fact]
    public void LocalApi_KeepsItsAddressesAndRoutes()
    {
        var id = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
        Assert.Equal(
            ["/run/orleans-transfer/xfer.sock", "xfer.sock", "orleans-transfer", "107"],
            [LocalApiAddress.SystemSocketPath, LocalApiAddress.SocketFileName, LocalApiAddress.PipeName, LocalApiAddress.MaxSocketPathBytes.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        Assert.Equal(
            ["/v1/caller", "/v1/jobs", "/v1/job-list", "/v1/reset", "/v1/bandwidth-policy", "/v1/service/stop", "/v1/network-cost"],
            [LocalApiRoutes.Caller, LocalApiRoutes.Jobs, LocalApiRoutes.JobList, LocalApiRoutes.Reset, LocalApiRoutes.BandwidthPolicy, LocalApiRoutes.ServiceStop, LocalApiRoutes.NetworkCost]);
        Assert.Equal(
            [$"/v1/jobs/{id}", $"/v1/jobs/{id}/files", $"/v1/jobs/{id}/notifications", $"/v1/jobs/{id}/events", $"/v1/jobs/{id}/take-ownership"],
            [LocalApiRoutes.Job(id), LocalApiRoutes.Files(id), LocalApiRoutes.Notifications(id), LocalApiRoutes.Events(id), LocalApiRoutes.Action(id, "take-ownership")]);
        Assert.Equal(
            [
                $"/v1/jobs/{id}/http", $"/v1/jobs/{id}/credentials", $"/v1/jobs/{id}/credentials/proxy/negotiate",
                $"/v1/jobs/{id}/client-certificate", $"/v1/jobs/{id}/files/3/remote-url", $"/v1/jobs/{id}/replace-remote-prefix",
            ],
            [
                LocalApiRoutes.HttpOptions(id), LocalApiRoutes.Credentials(id), LocalApiRoutes.Credential(id, Http.AuthTarget.Proxy, Http.AuthScheme.Negotiate),
                LocalApiRoutes.ClientCertificate(id), LocalApiRoutes.RemoteUrl(id, 3), LocalApiRoutes.RemotePrefix(id),
            ]);
    }

    [Fact]
    public void Dashboard_KeepsItsLoginRouteCommandAndDefaults()
    {
        var defaults = new Orleans.Transfer.Dashboard.Options.DashboardOptions();
        var login = new DashboardLogin("http://127.0.0.1:8471/login?token=t", new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero));
        var root = new Commands.XferRootCommand(new CliContext(TextWriter.Null, TextWriter.Null, ErrorIsTerminal: false, _ => throw new InvalidOperationException()));

        Assert.Equal("/v1/dashboard/login", LocalApiRoutes.DashboardLogin);
        Assert.Equal(
            ("Transfer:Dashboard", true, "127.0.0.1", 8471, TimeSpan.FromMinutes(2), TimeSpan.FromHours(12)),
            (Orleans.Transfer.Dashboard.Options.DashboardOptions.SectionName, defaults.Enabled, defaults.ListenAddress, defaults.Port, defaults.LoginTokenLifetime, defaults.SessionLifetime));
        Assert.Equal("""{"url":"http://127.0.0.1:8471/login?token=t","expiresAt":"2026-12-04T12:00:00+00:00"}""", JsonSerializer.Serialize(login, TransferJson.Options));
        var dashboard = Assert.Single(root.Subcommands, c => c.Name == "dashboard");
        Assert.Equal(["--open"], dashboard.Options.Select(o => o.Name).Where(n => n.StartsWith("--o", StringComparison.Ordinal)));
    }

    [Fact]
    public void LocalApi_Reply_KeepsItsRouteAndJson_DataBase64()
    {
        var id = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
        var reply = new Uploads.JobReply(new Uploads.JobReplyInfo(3, 3, "/data/reply.bin"), [0, 0xFF, (byte)'a']);

        var json = JsonSerializer.Serialize(reply, TransferJson.Options);

        Assert.Equal($"/v1/jobs/{id}/reply", LocalApiRoutes.Reply(id));
        Assert.Equal("""{"info":{"bytesTotal":3,"bytesTransferred":3,"path":"/data/reply.bin","isComplete":true},"data":"AP9h"}""", json);
        Assert.Equal(1024 * 1024, Uploads.JobReply.MaxInMemoryBytes);
    }

    [Fact]
    public void UploadErrorCodes_KeepTheirNumbers() =>
        Assert.Equal(
            (123, 124, 125, 118),
            ((int)TransferErrorCode.LocalFileChanged, (int)TransferErrorCode.ServerApplicationError,
                (int)TransferErrorCode.UploadRefused, (int)TransferErrorCode.TooLarge));

    [Fact]
    public void ContentDigestErrorCode_KeepsItsNumber() => Assert.Equal(127, (int)TransferErrorCode.ContentDigestMismatch);

    [Fact]
    public void JobHostUnavailableErrorCode_KeepsItsNumber() => Assert.Equal(207, (int)TransferErrorCode.JobHostUnavailable);

    [Fact]
    public void FileSpecJson_TakesTheDigest_WithTheAlgorithmByName()
    {
        var json = JsonSerializer.Serialize(
            new FileSpec("https://example.com/a.bin", "/data/a.bin", Digest: new ContentDigest(DigestAlgorithm.Sha256, "ab")), TransferJson.Options);

        Assert.Equal(
            """{"remoteUrl":"https://example.com/a.bin","localPath":"/data/a.bin","ranges":null,"digest":{"algorithm":"Sha256","hex":"ab"}}""",
            json);
        Assert.Equal((1, 2), ((int)DigestAlgorithm.Sha256, (int)DigestAlgorithm.Sha512));
    }

    [Fact]
    public void HttpOptionErrorCodes_KeepTheirNumbers() =>
        Assert.Equal(
            (21, 120, 121, 122),
            ((int)TransferErrorCode.ClientCertificateInvalid, (int)TransferErrorCode.AuthenticationRequired,
                (int)TransferErrorCode.RedirectRefused, (int)TransferErrorCode.InvalidProxy));

    [Fact]
    public void LocalApi_ErrorBody_KeepsItsFieldNames_WithCodesByName()
    {
        var json = JsonSerializer.Serialize(new ApiError(TransferErrorCode.AccessDenied, "no", "id"), TransferJson.Options);

        Assert.Equal("""{"code":"AccessDenied","message":"no","field":"id"}""", json);
        Assert.Equal((16, 17, 18), ((int)TransferErrorCode.AccessDenied, (int)TransferErrorCode.NotAuthenticated, (int)TransferErrorCode.ServiceNotTrusted));
    }

    [Fact]
    public void CliAndClientEnvironmentVariables_KeepTheirNames()
    {
        Assert.Equal("XFER_HOME", XferPaths.HomeVariable);
        Assert.Equal("XFER_SILO_PATH", XferPaths.SiloPathVariable);
        Assert.Equal("XFER_NO_AUTOSTART", XferPaths.NoAutostartVariable);
        Assert.Equal("XFER_GATEWAY_PORT", TransferClientOptions.GatewayPortEnvironmentVariable);
        Assert.Equal("XFER_SOCKET", LocalApiAddress.SocketVariable);
        Assert.Equal("XFER_CLUSTER_ID", TransferClientOptions.ClusterIdEnvironmentVariable);
    }

    [Fact]
    public void UploadRootVariable_AddsOneAnonymousDirectory()
    {
        var root = Directory.CreateTempSubdirectory("xfer-upload-root-").FullName;
        try
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Transfer:Uploads:Directories:0:Path"] = "/crash",
                ["Transfer:Uploads:Directories:0:Root"] = root,
                ["Transfer:Uploads:Directories:XFER_UPLOAD_ROOT:Path"] = "/uploads",
                ["Transfer:Uploads:Directories:XFER_UPLOAD_ROOT:Root"] = root,
                ["Transfer:Uploads:Directories:XFER_UPLOAD_ROOT:Authentication"] = "Anonymous",
                ["Transfer:Uploads:Port"] = "8471",
            }).Build();

            var (options, _, problems) = UploadServerHosting.Read(configuration);

            Assert.Empty(problems);
            Assert.Equal(8471, options!.Port);
            Assert.Equal(["/crash", "/uploads"], options.Directories.Select(d => d.Path));
            Assert.All(options.Directories, d => Assert.Equal(root, d.Root));
        }
        finally
        {
            Directory.Delete(root);
        }
    }

    [Fact]
    public void UploadServer_MissingRoot_OrNetworkWithoutCertificate_IsRefusedNamingTheSetting()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Transfer:Uploads:Directories:XFER_UPLOAD_ROOT:Path"] = "/uploads",
            ["Transfer:Uploads:Directories:XFER_UPLOAD_ROOT:Root"] = "/nonexistent/xfer-uploads",
            ["Transfer:Uploads:ListenAddress"] = "0.0.0.0",
        }).Build();

        var (_, _, problems) = UploadServerHosting.Read(configuration);

        Assert.Contains(problems, p => p.Contains("XFER_UPLOAD_ROOT", StringComparison.Ordinal) && p.Contains("/nonexistent/xfer-uploads", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Transfer:Uploads:CertificatePath is not set", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Anonymous", StringComparison.Ordinal) && p.Contains("AllowAnonymousOnNetwork", StringComparison.Ordinal));
        Assert.Empty(UploadServerHosting.Read(new ConfigurationBuilder().Build()).Problems);
    }

    [Fact]
    public void SiloEnvironmentVariables_MapOntoTheirSettings()
    {
        var values = new Dictionary<string, string>
        {
            ["XFER_LISTEN_ADDRESS"] = "127.0.0.2",
            ["XFER_SILO_PORT"] = "11112",
            ["XFER_GATEWAY_PORT"] = "30002",
            ["XFER_HOME"] = "/var/lib/orleans-transfer",
            ["XFER_STORAGE"] = "PostgreSql",
            ["XFER_POSTGRES"] = "Host=db;Database=xfer",
            ["XFER_UPLOAD_ROOT"] = "/srv/uploads",
            ["XFER_UPLOAD_PORT"] = "8471",
            ["XFER_WEB_PORT"] = "8472",
            ["XFER_CLUSTER_ID"] = "east",
            ["XFER_SHARED_ROOTS"] = $"/srv/shared{Path.PathSeparator}/mnt/images",
            ["XFER_HOST_NAME"] = "node-1",
            ["XFER_CACHE_DIR"] = "/srv/xfer-shared/cache",
        };
        var saved = values.Keys.ToDictionary(name => name, Environment.GetEnvironmentVariable);
        try
        {
            foreach (var (name, value) in values)
            {
                Environment.SetEnvironmentVariable(name, value);
            }

            Assert.Equal(
                new Dictionary<string, string?>
                {
                    ["Transfer:Host:ListenAddress"] = "127.0.0.2",
                    ["Transfer:Host:SiloPort"] = "11112",
                    ["Transfer:Host:GatewayPort"] = "30002",
                    ["Transfer:Host:DataDirectory"] = "/var/lib/orleans-transfer",
                    ["Transfer:Storage:Profile"] = "PostgreSql",
                    ["Transfer:Storage:ConnectionString"] = "Host=db;Database=xfer",
                    ["Transfer:Uploads:Directories:XFER_UPLOAD_ROOT:Path"] = "/uploads",
                    ["Transfer:Uploads:Directories:XFER_UPLOAD_ROOT:Root"] = "/srv/uploads",
                    ["Transfer:Uploads:Directories:XFER_UPLOAD_ROOT:Authentication"] = "Anonymous",
                    ["Transfer:Uploads:Port"] = "8471",
                    ["Transfer:Dashboard:Port"] = "8472",
                    ["Transfer:Cluster:ClusterId"] = "east",
                    ["Transfer:Cluster:SharedRoots:0"] = "/srv/shared",
                    ["Transfer:Cluster:SharedRoots:1"] = "/mnt/images",
                    ["Transfer:Cluster:HostName"] = "node-1",
                    ["Transfer:Cache:Directory"] = "/srv/xfer-shared/cache",
                },
                EnvironmentAliases.Read().ToDictionary());
        }
        finally
        {
            foreach (var (name, value) in saved)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }
    }

    [Fact]
    public void PublishedBinaries_LiveUnderArtifacts()
    {
        var launcher = RepositoryFiles.Read("scripts/xfer");

        Assert.Contains("build_cli \"$root/client/Orleans.Transfer.Cli/Orleans.Transfer.Cli.csproj\" \"$artifacts/xfer\"", launcher, StringComparison.Ordinal);
        Assert.Contains("-r linux-x64 -p:XferNativeAot=true", launcher, StringComparison.Ordinal);
        Assert.Contains("<PublishAot Condition=\"'$(XferNativeAot)' == 'true'\">true</PublishAot>", RepositoryFiles.Read("client/Orleans.Transfer.Cli/Orleans.Transfer.Cli.csproj"), StringComparison.Ordinal);
        Assert.Contains("build \"$root/silo/Orleans.Transfer.Silo/Orleans.Transfer.Silo.csproj\" \"$artifacts/silo\"", launcher, StringComparison.Ordinal);
        Assert.Contains("$artifacts/silo/Orleans.Transfer.Silo", launcher, StringComparison.Ordinal);
        Assert.Contains("exec \"$artifacts/xfer/xfer\"", launcher, StringComparison.Ordinal);

        // The file names inside those directories come from the assembly names.
        Assert.Equal("xfer", typeof(ExitCodes).Assembly.GetName().Name);
        Assert.Equal("Orleans.Transfer.Silo", typeof(SiloExitCodes).Assembly.GetName().Name);
    }

    [Fact]
    public void WindowsServiceScripts_UseTheServiceAndEventSourceNames()
    {
        var install = RepositoryFiles.Read("scripts/windows/install-service.ps1");
        var uninstall = RepositoryFiles.Read("scripts/windows/uninstall-service.ps1");

        Assert.Equal("OrleansTransfer", Silo.Logging.ServiceLogging.EventLogSource);
        Assert.Equal("Application", Silo.Logging.ServiceLogging.EventLogName);
        Assert.Contains("AddWindowsService(o => o.ServiceName = \"OrleansTransfer\")", RepositoryFiles.Read("silo/Orleans.Transfer.Silo/Program.cs"), StringComparison.Ordinal);
        foreach (var script in new[] { install, uninstall })
        {
            Assert.Contains("[string] $ServiceName = 'OrleansTransfer'", script, StringComparison.Ordinal);
            Assert.Contains("$eventSource = 'OrleansTransfer'", script, StringComparison.Ordinal);
        }

        Assert.Contains("CreateEventSource($eventSource, 'Application')", install, StringComparison.Ordinal);
        Assert.Contains("SyslogIdentifier=orleans-transfer", RepositoryFiles.Read("scripts/service/orleans-transfer.service"), StringComparison.Ordinal);
    }
}
