using System.Globalization;
using System.Net;

namespace Orleans.Transfer.Client;

/// <summary>How a client finds the transfer service and acts on its behalf.</summary>
public sealed class TransferClientOptions
{
    /// <summary>The ServiceId and ClusterId every silo of the transfer service uses.</summary>
    public const string ServiceId = "orleans-transfer";

    /// <summary>The environment variable that overrides the default gateway port.</summary>
    public const string GatewayPortEnvironmentVariable = "XFER_GATEWAY_PORT";

    /// <summary>The gateway port used when neither the options nor the environment name one.</summary>
    public const int DefaultGatewayPort = 30000;

    /// <summary>The environment variable naming the cluster of silos the gateway belongs to (docs/cluster.md).</summary>
    public const string ClusterIdEnvironmentVariable = "XFER_CLUSTER_ID";

    /// <summary>The environment variable naming the service's data directory, which holds its certificates.</summary>
    public const string HomeEnvironmentVariable = "XFER_HOME";

    /// <summary>
    /// Address of the silo gateway.
    /// <value>The default value is <see cref="IPAddress.Loopback"/>.</value>
    /// </summary>
    public IPAddress GatewayAddress { get; set; } = IPAddress.Loopback;

    /// <summary>
    /// Port of the silo gateway.
    /// <value>The default value is read from <c>XFER_GATEWAY_PORT</c>, else 30000.</value>
    /// </summary>
    public int GatewayPort { get; set; } = ReadGatewayPortFromEnvironment();

    /// <summary>
    /// The cluster id of the silos (a gateway refuses clients of another cluster). Any silo of a cluster serves every
    /// job of it.
    /// <value>The default value is read from <c>XFER_CLUSTER_ID</c>, else <see cref="ServiceId"/>, a silo running alone.</value>
    /// </summary>
    public string ClusterId { get; set; } =
        Environment.GetEnvironmentVariable(ClusterIdEnvironmentVariable) is { Length: > 0 } clusterId ? clusterId : ServiceId;

    /// <summary>
    /// Owner recorded on new jobs.
    /// <value>The default value is null, which means <see cref="Environment.UserName"/>.</value>
    /// </summary>
    public string? Owner { get; set; }

    /// <summary>
    /// The shortest interval between two progress updates from <see cref="ITransferClient.WatchAsync"/>;
    /// state changes arrive at once.
    /// <value>The default value is 500 milliseconds.</value>
    /// </summary>
    public TimeSpan WatchInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// A PKCS#12 file without a password holding the client certificate and its private key. When set, the client
    /// connects over mutual TLS; when null, without TLS, which only a service with TLS off accepts (a privileged service
    /// turns TLS on by default). The service must trust the certificate: its own, or one listed in its
    /// <c>Transfer:Security:TrustedClientCertificates</c>.
    /// <value>
    /// The default value is the service's own certificate, <c>$XFER_HOME/tls/service.pfx</c>, when XFER_HOME is set
    /// and this account can read that file (so a trusted service running as the service account needs no setting);
    /// else null.
    /// </value>
    /// </summary>
    public string? CertificatePath { get; set; }

    /// <summary>
    /// The service's public certificate (PEM or DER). Over TLS the client talks only to a gateway presenting exactly
    /// this certificate, so a process squatting on the port gets no job; null pins the client certificate itself, which
    /// is right when that is the service certificate. Ignored without <see cref="CertificatePath"/>.
    /// <value>The default value is <c>$XFER_HOME/tls/service.crt</c> when XFER_HOME is set and that file exists; else null.</value>
    /// </summary>
    public string? ServiceCertificatePath { get; set; }

    /// <summary>
    /// Creates options with every default, including the certificates of the service whose data directory is
    /// <c>XFER_HOME</c>; see <see cref="UseServiceCertificates"/>.
    /// </summary>
    public TransferClientOptions()
    {
        if (Environment.GetEnvironmentVariable(HomeEnvironmentVariable) is { Length: > 0 } home)
        {
            UseServiceCertificates(home);
        }
    }

    /// <summary>
    /// Uses the certificates of the service whose data directory is <paramref name="dataDirectory"/>: its
    /// <c>tls/service.pfx</c> as <see cref="CertificatePath"/> when this account can read it, else none (no TLS),
    /// and its <c>tls/service.crt</c> as <see cref="ServiceCertificatePath"/> when it exists.
    /// </summary>
    /// <param name="dataDirectory">The service's data directory (its <c>XFER_HOME</c>).</param>
    public void UseServiceCertificates(string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        var certificate = Path.Combine(dataDirectory, "tls", "service.pfx");
        var serviceCertificate = Path.Combine(dataDirectory, "tls", "service.crt");
        CertificatePath = IsReadable(certificate) ? certificate : null;
        ServiceCertificatePath = File.Exists(serviceCertificate) ? serviceCertificate : null;
    }

    private static bool IsReadable(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static int ReadGatewayPortFromEnvironment()
    {
        var value = Environment.GetEnvironmentVariable(GatewayPortEnvironmentVariable);
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535
            ? port
            : DefaultGatewayPort;
    }
}
