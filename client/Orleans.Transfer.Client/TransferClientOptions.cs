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

    private static int ReadGatewayPortFromEnvironment()
    {
        var value = Environment.GetEnvironmentVariable(GatewayPortEnvironmentVariable);
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535
            ? port
            : DefaultGatewayPort;
    }
}
