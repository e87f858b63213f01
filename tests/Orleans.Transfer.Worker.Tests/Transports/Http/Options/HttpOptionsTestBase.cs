using Orleans.Transfer.Http;

namespace Orleans.Transfer.Worker.Tests.Transports.Http.Options;

/// <summary>Runs downloads through the real worker with a job's HTTP options, against peers on 127.0.0.1.</summary>
public abstract class HttpOptionsTestBase : WorkerTestBase
{
    /// <summary>Options whose server credentials may go to <paramref name="url"/>'s host, as the job grain builds them.</summary>
    protected static HttpTransferOptions OptionsFor(
        Uri url,
        IReadOnlyList<JobCredential>? credentials = null,
        ProxySettings? proxy = null,
        CertificateErrors ignore = CertificateErrors.None,
        bool checkRevocation = false,
        ReadOnlyMemory<byte>? clientCertificate = null) => new()
        {
            Credentials = credentials ?? [],
            Proxy = proxy ?? ProxySettings.SystemDefault,
            IgnoreCertificateErrors = ignore,
            CheckRevocation = checkRevocation,
            ClientCertificate = clientCertificate,
            ServerAuthorities = new HashSet<string>([HttpTransferOptions.OriginOf(url)], StringComparer.OrdinalIgnoreCase),
        };

    protected static ProxySettings Through(Uri proxy) => new(ProxyUsage.Override, [$"{proxy.Host}:{proxy.Port}"]);

    protected FileTransferRequest Request(Uri url, HttpTransferOptions? http, string? owner = null) =>
        Request(url.ToString()) with { Http = http, Owner = owner };

    protected static void AssertContent(byte[] expected, FileTransferRequest request) =>
        Assert.True(expected.AsSpan().SequenceEqual(File.ReadAllBytes(request.TempPath)), "the downloaded file differs from the served one");
}
