using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Runtime.Versioning;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Runtime.Messaging;
using Orleans.Transfer.Client;
using Orleans.Transfer.Silo.Security;

namespace Orleans.Transfer.Integration.Tests;

/// <summary>
/// The real silo running as root (OrleansTls=Auto, so TLS on): only holders of the service certificate (or a listed
/// client certificate) reach a grain, and a client pinned to the service certificate refuses a gateway that presents
/// another one. A refused Orleans client keeps retrying inside StartAsync, so the tests wait for its first failed
/// attempt (a log event) rather than for an exception.
/// </summary>
public sealed class OrleansTlsTests(TlsSiloFixture fixture) : IClassFixture<TlsSiloFixture>
{
    // Only against a hang: every awaited event normally comes within seconds.
    private static readonly TimeSpan s_guard = TimeSpan.FromSeconds(60);

    private SiloProcess Silo => fixture.Silo!;

    [PrivilegedFact]
    public async Task ServiceCertificate_CreatesAndGetsJob()
    {
        Assert.Contains("Orleans TLS is on (OrleansTls is Auto and the silo runs as root)", Silo.ReadLog(), StringComparison.Ordinal);

        using var host = await ConnectAsync(Silo.GatewayPort, Silo.DataDirectory);
        var client = host.Services.GetRequiredService<ITransferClient>();
        var created = await client.CreateDownloadJobAsync("tls (a)");

        var read = await client.GetAsync(created.Id);

        Assert.Equal(created.Id, read.Id);
        Assert.Equal("tls (a)", read.DisplayName);
    }

    [PrivilegedFact]
    public async Task ListedClientCertificate_CreatesJob()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddTransferClient(o =>
        {
            o.GatewayPort = Silo.GatewayPort;
            o.CertificatePath = fixture.ListedClientPath;
            o.ServiceCertificatePath = Path.Combine(Silo.DataDirectory, "tls", "service.crt");
        });
        using var host = builder.Build();
        using var guard = new CancellationTokenSource(s_guard);
        await host.StartAsync(guard.Token);

        var created = await host.Services.GetRequiredService<ITransferClient>().CreateDownloadJobAsync("listed client");

        Assert.Equal(JobState.Suspended, created.State);
    }

    [PrivilegedFact]
    public async Task SiloPort_ServiceCertificate_IsAccepted()
    {
        using var certificate = ServiceCertificateStore.Load(Path.Combine(Silo.DataDirectory, "tls", "service.pfx"));

        var (accepted, presented) = await ConnectToSiloPortAsync(certificate);

        Assert.True(accepted);
        Assert.Equal(CertificateThumbprint.Of(certificate), presented);
    }

    [PrivilegedFact]
    public async Task SiloPort_ListedClientCertificate_IsRefused()
    {
        // Listed clients may use the gateway (see ListedClientCertificate_CreatesJob), never the silo-to-silo port.
        using var certificate = ServiceCertificateStore.Load(fixture.ListedClientPath);

        var (accepted, _) = await ConnectToSiloPortAsync(certificate);

        Assert.False(accepted);
    }

    [PrivilegedFact]
    public async Task PlainOrleansClient_WithoutCertificate_CannotConnect()
    {
        await AssertConnectionFailsAsync(services => services.AddOrleansClient(client =>
        {
            client.UseStaticClustering(new IPEndPoint(IPAddress.Loopback, Silo.GatewayPort));
            client.Configure<ClusterOptions>(cluster =>
            {
                cluster.ServiceId = TransferClientOptions.ServiceId;
                cluster.ClusterId = TransferClientOptions.ServiceId;
            });
        }));
    }

    [PrivilegedFact]
    public async Task ClientWithOtherSelfSignedCertificate_IsRefused()
    {
        var stranger = Path.Combine(Directory.CreateDirectory(Path.Combine(fixture.Root, "stranger")).FullName, "stranger.pfx");
        using (var certificate = new ServiceCertificateStore(TimeProvider.System).CreateSelfSigned())
        {
            await File.WriteAllBytesAsync(stranger, certificate.Export(X509ContentType.Pkcs12));
        }

        await AssertConnectionFailsAsync(services => services.AddTransferClient(o =>
        {
            o.GatewayPort = Silo.GatewayPort;
            o.CertificatePath = stranger;
            o.ServiceCertificatePath = Path.Combine(Silo.DataDirectory, "tls", "service.crt");
        }));
    }

    [PrivilegedFact]
    public async Task SquattingGateway_WithItsOwnCertificate_IsRefusedByPinnedClient()
    {
        // The squatter even trusts the real service certificate as a client's, so only the client's pin stops the call.
        using var real = ServiceCertificateStore.Load(Path.Combine(Silo.DataDirectory, "tls", "service.pfx"));
        await using var squatter = new SiloProcess(
            Directory.CreateDirectory(Path.Combine(fixture.Root, "squatter")).FullName,
            new Dictionary<string, string> { ["Transfer__Security__TrustedClientCertificates__0"] = CertificateThumbprint.Of(real) });
        await squatter.StartAsync();

        var failure = await AssertConnectionFailsAsync(services => services.AddTransferClient(o =>
        {
            o.GatewayPort = squatter.GatewayPort;
            o.UseServiceCertificates(Silo.DataDirectory);
        }));

        var refusal = Assert.IsType<TransferJobException>(Innermost(failure));
        Assert.Equal(TransferErrorCode.ServiceNotTrusted, refusal.Code);
        Assert.Contains($"pinned from {Path.Combine(Silo.DataDirectory, "tls", "service.crt")}", refusal.Message, StringComparison.Ordinal);
        using var squatterClient = await ConnectAsync(squatter.GatewayPort, squatter.DataDirectory);
        Assert.Empty(await squatterClient.Services.GetRequiredService<ITransferClient>().ListAsync(new JobListQuery(null, IncludeFinal: true)));
    }

    [PrivilegedFact]
    [UnsupportedOSPlatform("windows")]
    public async Task CorruptServiceCertificate_SiloRefusesToStartNamingTheFile()
    {
        var home = Directory.CreateDirectory(Path.Combine(fixture.Root, "corrupt")).FullName;
        var pfx = Path.Combine(Directory.CreateDirectory(Path.Combine(home, "tls")).FullName, "service.pfx");
        await File.WriteAllTextAsync(pfx, "not a certificate");
        File.SetUnixFileMode(pfx, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await using var silo = new SiloProcess(home);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(silo.StartAsync);

        Assert.Contains($"The service certificate {pfx} is corrupt", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// A bare TLS connection to the silo port presenting <paramref name="certificate"/>. Accepted means the silo then
    /// sends its Orleans preamble, which it does at once; a refused connection is closed instead (with TLS 1.3 the
    /// server judges the client certificate after the client's side of the handshake is done).
    /// </summary>
    private async Task<(bool Accepted, string? Presented)> ConnectToSiloPortAsync(X509Certificate2 certificate)
    {
        using var service = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(Silo.DataDirectory, "tls", "service.crt"));
        var serviceThumbprint = CertificateThumbprint.Of(service);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, Silo.SiloPort);
        await using var tls = new SslStream(tcp.GetStream());
        string? presented = null;
        try
        {
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = "localhost",
                ClientCertificates = [certificate],
                RemoteCertificateValidationCallback = (_, remote, _, _) =>
                {
                    presented = remote is X509Certificate2 remote2 ? CertificateThumbprint.Of(remote2) : null;
                    return presented == serviceThumbprint;
                },
            }).WaitAsync(s_guard);
            return (await tls.ReadAsync(new byte[1]).AsTask().WaitAsync(s_guard) > 0, presented);
        }
        catch (Exception ex) when (ex is IOException or AuthenticationException)
        {
            return (false, presented);
        }
    }

    /// <summary>Starts a client host and returns the exception of its first failed connection attempt; fails if it connects.</summary>
    private static async Task<Exception> AssertConnectionFailsAsync(Action<IServiceCollection> addClient)
    {
        var capture = new LogCapture();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders().AddProvider(capture);
        addClient(builder.Services);
        using var host = builder.Build();
        var failed = capture.WaitForAsync(e => e.Category.StartsWith("Orleans.", StringComparison.Ordinal) && e.Level >= LogLevel.Warning && e.Exception is not null);

        using var stop = new CancellationTokenSource();
        var start = host.StartAsync(stop.Token);
        var first = await Task.WhenAny(start, failed).WaitAsync(s_guard);

        Assert.True(first == failed, "the client connected");
        await stop.CancelAsync();
        // The client gives up by itself or at the cancellation, whichever comes first under load; it never connects.
        var startError = await Record.ExceptionAsync(() => start);
        Assert.True(
            startError is OperationCanceledException or ConnectionFailedException,
            $"starting the client ended with {startError?.GetType().FullName ?? "a connection"}");
        return (await failed).Exception!;
    }

    private static Exception Innermost(Exception error) => error.InnerException is { } inner ? Innermost(inner) : error;

    private static async Task<IHost> ConnectAsync(int gatewayPort, string dataDirectory)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddTransferClient(o =>
        {
            o.GatewayPort = gatewayPort;
            o.UseServiceCertificates(dataDirectory);
        });
        var host = builder.Build();
        try
        {
            using var guard = new CancellationTokenSource(s_guard);
            await host.StartAsync(guard.Token);
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }
}
