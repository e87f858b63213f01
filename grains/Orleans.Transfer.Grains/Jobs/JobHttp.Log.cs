using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;
using Orleans.Transfer.Http;

namespace Orleans.Transfer.Grains.Jobs;

internal sealed partial class JobHttp
{
    [LoggerMessage(EventId = TransferEventIds.HttpOptionsChanged, Level = LogLevel.Information, Message = "Job {JobId}: HTTP options changed ({Members})")]
    private static partial void LogHttpOptionsChanged(ILogger logger, Guid jobId, string members);

    [LoggerMessage(EventId = TransferEventIds.CredentialsSet, Level = LogLevel.Information, Message = "Job {JobId}: credentials set ({Target}, {Scheme}, user {UserName})")]
    private static partial void LogCredentialsSet(ILogger logger, Guid jobId, AuthTarget target, AuthScheme scheme, string userName);

    [LoggerMessage(EventId = TransferEventIds.CredentialsRemoved, Level = LogLevel.Information, Message = "Job {JobId}: credentials removed ({Target}, {Scheme})")]
    private static partial void LogCredentialsRemoved(ILogger logger, Guid jobId, AuthTarget target, AuthScheme scheme);

    [LoggerMessage(EventId = TransferEventIds.ClientCertificateSet, Level = LogLevel.Information, Message = "Job {JobId}: client certificate set (from {Source}, thumbprint {Thumbprint})")]
    private static partial void LogClientCertificateSet(ILogger logger, Guid jobId, ClientCertificateSource source, string thumbprint);

    [LoggerMessage(EventId = TransferEventIds.ClientCertificateRemoved, Level = LogLevel.Information, Message = "Job {JobId}: client certificate removed")]
    private static partial void LogClientCertificateRemoved(ILogger logger, Guid jobId);

    [LoggerMessage(EventId = TransferEventIds.HttpSecretsStripped, Level = LogLevel.Information, Message = "Job {JobId}: its credentials, custom headers and client certificate were removed with the change of owner")]
    private static partial void LogHttpSecretsStripped(ILogger logger, Guid jobId);
}
