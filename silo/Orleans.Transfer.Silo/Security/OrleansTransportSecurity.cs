using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Connections.Security;

namespace Orleans.Transfer.Silo.Security;

/// <summary>
/// Puts mutual TLS on the silo's Orleans endpoints when <see cref="OrleansTlsDecision"/> says so: the gateway accepts
/// the service certificate and the trusted client certificates, the silo-to-silo port (both directions) only the
/// service certificate.
/// </summary>
public sealed partial class OrleansTransportSecurity
{
    private readonly ServiceCertificate? _certificate;
    private readonly CertificateTrust? _trust;
    private readonly ILogger _logger;

    private OrleansTransportSecurity(OrleansTlsDecision decision, ServiceCertificate? certificate, CertificateTrust? trust, ILogger logger)
    {
        Decision = decision;
        _certificate = certificate;
        _trust = trust;
        _logger = logger;
    }

    public OrleansTlsDecision Decision { get; }

    /// <summary>Decides, opens the service certificate when TLS is on, and logs the outcome.</summary>
    /// <exception cref="ServiceCertificateException">TLS is on and the certificate cannot be used.</exception>
    public static OrleansTransportSecurity Create(IServiceProvider services, string dataDirectory)
    {
        var options = services.GetRequiredService<IOptions<OrleansTlsOptions>>().Value;
        var logger = services.GetRequiredService<ILogger<OrleansTransportSecurity>>();
        var decision = OrleansTlsDecision.ForCurrentProcess(options.OrleansTls);
        if (!decision.Enabled)
        {
            LogTlsOff(logger, decision.Reason);
            return new OrleansTransportSecurity(decision, null, null, logger);
        }

        var store = new ServiceCertificateStore(services.GetService<TimeProvider>() ?? TimeProvider.System);
        var certificate = store.Open(dataDirectory, options.CertificatePath);
        var trust = new CertificateTrust(certificate.Certificate, options.TrustedClientCertificates);
        if (certificate.Created)
        {
            LogCertificateCreated(logger, certificate.Path, trust.ServiceThumbprint, certificate.PublicPath);
        }

        LogTlsOn(logger, decision.Reason, certificate.Path, trust.ServiceThumbprint, options.TrustedClientCertificates.Count);
        return new OrleansTransportSecurity(decision, certificate, trust, logger);
    }

    /// <summary>Adds the TLS middleware to every Orleans connection, or nothing when TLS is off.</summary>
    public void Configure(SiloConnectionOptions connections)
    {
        if (_certificate is null || _trust is null)
        {
            return;
        }

        var silo = CreateTlsOptions(_certificate.Certificate, _trust.IsServiceCertificate, "silo-to-silo");
        var gateway = CreateTlsOptions(_certificate.Certificate, _trust.IsTrustedClient, "gateway");
        connections.ConfigureSiloInboundConnection(builder => builder.UseServerTls(silo));
        connections.ConfigureSiloOutboundConnection(builder => builder.UseClientTls(silo));
        connections.ConfigureGatewayInboundConnection(builder => builder.UseServerTls(gateway));
    }

    // A validation callback replaces the chain check entirely: self-signed certificates fail it, and pinning is the check.
    private TlsOptions CreateTlsOptions(X509Certificate2 certificate, Func<X509Certificate2, bool> accepts, string endpoint) => new()
    {
        LocalCertificate = certificate,
        RemoteCertificateMode = RemoteCertificateMode.RequireCertificate,
        ClientCertificateMode = RemoteCertificateMode.RequireCertificate,
        RemoteCertificateValidation = (remote, _, _) =>
        {
            if (accepts(remote))
            {
                return true;
            }

            LogRemoteCertificateRejected(_logger, endpoint, CertificateThumbprint.Of(remote), remote.Subject);
            return false;
        },
    };
}
