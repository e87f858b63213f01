using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Connections.Security;

namespace Orleans.Transfer.Client;

/// <summary>Registers the transfer service client.</summary>
public static class TransferClientServiceCollectionExtensions
{
    /// <summary>
    /// Adds an Orleans client connected to the transfer service's gateway (static, <c>127.0.0.1:30000</c> unless
    /// configured otherwise) and registers <see cref="ITransferClient"/> as a singleton. With
    /// <see cref="TransferClientOptions.CertificatePath"/> set, the connection uses mutual TLS and accepts only the
    /// pinned service certificate.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Changes the defaults of <see cref="TransferClientOptions"/>.</param>
    /// <returns>The service collection.</returns>
    /// <exception cref="InvalidOperationException">A configured certificate file cannot be loaded.</exception>
    public static IServiceCollection AddTransferClient(this IServiceCollection services, Action<TransferClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);

        // The gateway must be known now, while the Orleans client is being configured; the same delegate also
        // configures the options the facade reads at run time.
        var options = new TransferClientOptions();
        configure?.Invoke(options);

        var optionsBuilder = services.AddOptions<TransferClientOptions>();
        if (configure is not null)
        {
            optionsBuilder.Configure(configure);
        }

        services.AddOrleansClient(client =>
        {
            client.UseStaticClustering(new IPEndPoint(options.GatewayAddress, options.GatewayPort));
            client.Configure<ClusterOptions>(cluster =>
            {
                cluster.ServiceId = TransferClientOptions.ServiceId;
                cluster.ClusterId = options.ClusterId;
            });
            if (options.CertificatePath is { } certificatePath)
            {
                UseMutualTls(client, certificatePath, options.ServiceCertificatePath);
            }
        });

        services.TryAddSingleton<ITransferClient, TransferClient>();
        return services;
    }

    private static void UseMutualTls(IClientBuilder client, string certificatePath, string? serviceCertificatePath)
    {
        var certificate = Load(certificatePath, nameof(TransferClientOptions.CertificatePath), path => X509CertificateLoader.LoadPkcs12FromFile(path, password: null));
        if (!certificate.HasPrivateKey)
        {
            throw new InvalidOperationException(
                $"{nameof(TransferClientOptions)}.{nameof(TransferClientOptions.CertificatePath)}: {certificatePath} holds no private key; "
                + "give a .pfx with the client certificate and its key.");
        }

        using var pinned = serviceCertificatePath is null
            ? null
            : Load(serviceCertificatePath, nameof(TransferClientOptions.ServiceCertificatePath), X509CertificateLoader.LoadCertificateFromFile);
        var pinnedThumbprint = (pinned ?? certificate).GetCertHashString(HashAlgorithmName.SHA256);
        var pinnedFrom = serviceCertificatePath ?? certificatePath;
        client.UseTls(certificate, tls =>
        {
            tls.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
            tls.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;

            // Pinning replaces chain trust: the service certificate is self-signed, and no other certificate will do.
            // Orleans logs the exception on each refused attempt (and keeps retrying, as for a service that is down).
            tls.RemoteCertificateValidation = (remote, _, _) =>
            {
                var thumbprint = remote.GetCertHashString(HashAlgorithmName.SHA256);
                return thumbprint == pinnedThumbprint
                    ? true
                    : throw new TransferJobException(
                        TransferErrorCode.ServiceNotTrusted,
                        $"The gateway presented the certificate {thumbprint} ({remote.Subject}), not the service certificate "
                        + $"{pinnedThumbprint} pinned from {pinnedFrom}, so it is not the transfer service and the client sends it nothing. "
                        + "Another process may hold the gateway port; or, if the service's certificate was replaced, give this client its new service.crt.",
                        nameof(TransferClientOptions.ServiceCertificatePath));
            };
        });
    }

    private static X509Certificate2 Load(string path, string option, Func<string, X509Certificate2> load)
    {
        // Checked first: on Linux the loaders report a missing file as a cryptographic error.
        if (!File.Exists(path))
        {
            throw new InvalidOperationException(
                $"{nameof(TransferClientOptions)}.{option}: {path} does not exist (or this account cannot see it); give the path of an existing "
                + "certificate file, or set it to null.");
        }

        try
        {
            return load(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new InvalidOperationException(
                $"{nameof(TransferClientOptions)}.{option}: cannot load {path} ({ex.Message}). Give a readable certificate file "
                + "(a .pfx without a password for the client certificate, a .crt for the service's), or set it to null.", ex);
        }
    }
}
