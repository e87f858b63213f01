using Orleans.Transfer.Http;

namespace Orleans.Transfer.Grains.Jobs;

/// <summary>A job's HTTP options: credentials, headers, proxy, client certificate, redirect and content rules.</summary>
internal sealed class JobHttp(Guid jobId)
{
    public Task<JobInfo> SetOptionsAsync(HttpOptionsUpdate update) => throw NotYet();

    public Task<JobInfo> SetCredentialsAsync(JobCredential credential) => throw NotYet();

    public Task<JobInfo> RemoveCredentialsAsync(AuthTarget target, AuthScheme scheme) => throw NotYet();

    public Task<JobInfo> SetClientCertificateAsync(ClientCertificateSpec? certificate) => throw NotYet();

    public Task<JobInfo> SetRemoteUrlAsync(int fileIndex, string remoteUrl) => throw NotYet();

    public Task<JobInfo> ReplaceRemotePrefixAsync(string oldPrefix, string newPrefix) => throw NotYet();

    private TransferJobException NotYet() => new(TransferErrorCode.NotSupported, $"Job {jobId}: HTTP options are being built.");
}
