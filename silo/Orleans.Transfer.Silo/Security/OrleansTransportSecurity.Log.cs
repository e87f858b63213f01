using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Silo.Security;

public sealed partial class OrleansTransportSecurity
{
    [LoggerMessage(EventId = TransferEventIds.OrleansTlsOn, Level = LogLevel.Information,
        Message = "Orleans TLS is on ({Reason}): the gateway and silo ports require mutual TLS with the service certificate {Path} (SHA-256 {Thumbprint}) or one of {TrustedCount} trusted client certificates")]
    private static partial void LogTlsOn(ILogger logger, string reason, string path, string thumbprint, int trustedCount);

    [LoggerMessage(EventId = TransferEventIds.OrleansTlsOff, Level = LogLevel.Information,
        Message = "Orleans TLS is off ({Reason}): every caller that reaches the gateway port is trusted")]
    private static partial void LogTlsOff(ILogger logger, string reason);

    [LoggerMessage(EventId = TransferEventIds.ServiceCertificateCreated, Level = LogLevel.Information,
        Message = "Created the service certificate {Path} (SHA-256 {Thumbprint}); clients pin its public part {PublicPath}")]
    private static partial void LogCertificateCreated(ILogger logger, string path, string thumbprint, string publicPath);

    [LoggerMessage(EventId = TransferEventIds.RemoteCertificateRejected, Level = LogLevel.Warning,
        Message = "Refused a {Endpoint} connection: its certificate {Thumbprint} ({Subject}) is neither the service certificate nor in Transfer:Security:TrustedClientCertificates")]
    private static partial void LogRemoteCertificateRejected(ILogger logger, string endpoint, string thumbprint, string subject);
}
