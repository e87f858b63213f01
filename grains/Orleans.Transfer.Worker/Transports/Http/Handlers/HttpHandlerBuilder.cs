using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Orleans.Transfer.Http;

namespace Orleans.Transfer.Worker;

/// <summary>Builds the handlers and clients of <see cref="HttpClientPool"/>.</summary>
internal static class HttpHandlerBuilder
{
    /// <summary>
    /// A handler for <paramref name="options"/> (null: the shared one), connecting through <paramref name="connect"/>
    /// when given (background runs that yield, the receive-buffer bound of the others). Throws <see cref="TransferFailedException"/> when the options cannot be
    /// used here (AutoDetect on Linux, a damaged client certificate).
    /// </summary>
    public static SocketsHttpHandler CreateHandler(
        TransferWorkerOptions worker,
        HttpTransferOptions? options,
        Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>>? connect = null)
    {
        var handler = new SocketsHttpHandler
        {
            // Byte offsets only mean something on the identity encoding.
            AutomaticDecompression = DecompressionMethods.None,

            // HttpSource follows redirects itself, to apply the job's redirect policy and refuse https → http.
            AllowAutoRedirect = false,
            ConnectTimeout = worker.ConnectTimeout,
            PooledConnectionLifetime = worker.PooledConnectionLifetime,
            UseCookies = false,
            PreAuthenticate = false,
            ConnectCallback = connect,
        };
        if (options is null)
        {
            return handler;
        }

        ConfigureCredentialsAndProxy(handler, options);
        if (options.IgnoreCertificateErrors != CertificateErrors.None || options.CheckRevocation)
        {
            handler.SslOptions.RemoteCertificateValidationCallback =
                new ServerCertificateCheck(options.IgnoreCertificateErrors, options.CheckRevocation).Validate;
        }

        // NoCheck is also SslClientAuthenticationOptions' own default, so jobs without the flag behave as before.
        handler.SslOptions.CertificateRevocationCheckMode = options.CheckRevocation ? X509RevocationMode.Online : X509RevocationMode.NoCheck;
        if (options.ClientCertificate is { } pkcs12)
        {
            handler.SslOptions.ClientCertificateContext = LoadClientCertificate(pkcs12);
        }

        return handler;
    }

    /// <summary>A client over <paramref name="handler"/>, which it does not dispose (the pool does).</summary>
    public static HttpClient CreateClient(SocketsHttpHandler handler, TransferWorkerOptions worker)
    {
        // Stalls are detected per read (StallTimeout); a whole-request timeout would cut large files.
        var client = new HttpClient(handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.UserAgent.ParseAdd(worker.UserAgent);
        client.DefaultRequestHeaders.AcceptEncoding.Add(new StringWithQualityHeaderValue("identity"));
        return client;
    }

    private static void ConfigureCredentialsAndProxy(SocketsHttpHandler handler, HttpTransferOptions options)
    {
        var server = new JobCredentials(AuthTarget.Server, options.Credentials, options.ServerAuthorities);
        if (!server.IsEmpty)
        {
            handler.Credentials = server;
        }

        var proxy = new JobCredentials(AuthTarget.Proxy, options.Credentials, authorities: null);
        switch (options.Proxy.Usage)
        {
            case ProxyUsage.None:
                handler.UseProxy = false;
                break;
            case ProxyUsage.Override:
                handler.Proxy = new OverrideProxy(options.Proxy) { Credentials = proxy.IsEmpty ? null : proxy };
                break;
            case ProxyUsage.AutoDetect when !OperatingSystem.IsWindows():
                throw new TransferFailedException(HttpHandlerFailures.InvalidProxy(
                    "autodetect (WPAD) is offered on Windows only; this machine has no WPAD client. "
                    + "Use system (HTTPS_PROXY, HTTP_PROXY, NO_PROXY), none, or override with the proxy's address."));
            default:
                // System, and AutoDetect on Windows: the platform's proxy (WinHTTP there runs WPAD; unverified).
                if (!proxy.IsEmpty)
                {
                    handler.DefaultProxyCredentials = proxy;
                }

                break;
        }
    }

    private static SslStreamCertificateContext LoadClientCertificate(ReadOnlyMemory<byte> pkcs12)
    {
        // SChannel needs the key in a key set for client authentication; elsewhere it stays in memory.
        var flags = OperatingSystem.IsWindows() ? X509KeyStorageFlags.DefaultKeySet : X509KeyStorageFlags.EphemeralKeySet;
        X509Certificate2Collection certificates;
        try
        {
            certificates = X509CertificateLoader.LoadPkcs12Collection(pkcs12.Span, password: null, flags);
        }
        catch (CryptographicException ex)
        {
            throw new TransferFailedException(HttpHandlerFailures.ClientCertificateInvalid($"its stored copy does not load ({ex.Message})."), ex);
        }

        var leaf = certificates.FirstOrDefault(c => c.HasPrivateKey)
            ?? throw new TransferFailedException(HttpHandlerFailures.ClientCertificateInvalid("its stored copy has no private key."));
        var intermediates = new X509Certificate2Collection();
        foreach (var certificate in certificates.Where(c => !ReferenceEquals(c, leaf)))
        {
            intermediates.Add(certificate);
        }

        // offline: the chain sent is what the file held; no intermediate is fetched from the network.
        return SslStreamCertificateContext.Create(leaf, intermediates, offline: true);
    }
}
