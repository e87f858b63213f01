using Orleans.Transfer.Http;

namespace Orleans.Transfer.LocalApi;

/// <summary>
/// The local API's routes (docs/contracts.md, "Local API"). Bodies and answers are JSON in <see cref="TransferJson.Options"/>;
/// every failure answers <see cref="ApiError"/> with a 4xx or 5xx status.
/// </summary>
public static class LocalApiRoutes
{
    /// <summary>GET: <see cref="CallerInfo"/>.</summary>
    public const string Caller = "/v1/caller";

    /// <summary>POST <see cref="CreateJobRequest"/> (its Owner and Elevated are the service's to set): 201 <see cref="JobInfo"/>.</summary>
    public const string Jobs = "/v1/jobs";

    /// <summary>
    /// POST a JSON array of <see cref="CreateJobRequest"/> (each one's Owner and Elevated are the service's to set): 201
    /// and the <see cref="JobInfo"/>s in the same order, all created or none (<see cref="IJobBatchGrain"/>).
    /// </summary>
    public const string JobBatch = "/v1/job-batch";

    /// <summary>POST <see cref="JobListQuery"/>: <see cref="JobListPage"/>.</summary>
    public const string JobList = "/v1/job-list";

    /// <summary>POST <see cref="ResetRequest"/>: <see cref="ResetResult"/>.</summary>
    public const string Reset = "/v1/reset";

    /// <summary>GET: <see cref="BandwidthPolicySpec"/>; PUT one (administrators): the policy in force.</summary>
    public const string BandwidthPolicy = "/v1/bandwidth-policy";

    /// <summary>GET: the <see cref="NetworkCost"/> the service detected (B84).</summary>
    public const string NetworkCost = "/v1/network-cost";

    /// <summary>POST (administrators): 202, the service stops gracefully.</summary>
    public const string ServiceStop = "/v1/service/stop";

    /// <summary>POST, no body: a <see cref="LocalApi.DashboardLogin"/> for the caller (docs/dashboard.md).</summary>
    public const string DashboardLogin = "/v1/dashboard/login";
    /// <summary>GET: <see cref="ServiceStatus"/>; jobs counted are the caller's own, or every owner's for administrators.</summary>
    public const string ServiceStatus = "/v1/service/status";

    /// <summary>GET: <see cref="JobInfo"/>; PATCH <see cref="JobPropertiesUpdate"/>: <see cref="JobInfo"/>.</summary>
    public static string Job(Guid jobId) => $"/v1/jobs/{jobId:D}";

    /// <summary>GET with <c>offset</c> and <c>count</c>: <see cref="JobFilePage"/>; POST a list of <see cref="FileSpec"/>: <see cref="JobInfo"/>.</summary>
    public static string Files(Guid jobId) => $"{Job(jobId)}/files";

    /// <summary>PUT <see cref="NotificationSettings"/> or <c>null</c>: <see cref="JobInfo"/>.</summary>
    public static string Notifications(Guid jobId) => $"{Job(jobId)}/notifications";

    /// <summary>
    /// GET with optional <c>minIntervalMs</c>: Server-Sent Events, each <c>data:</c> one <see cref="JobEvent"/>; the first is
    /// the job as it stands, state changes come at once, progress at most every interval, and the stream ends after a
    /// settled state.
    /// </summary>
    public static string Events(Guid jobId) => $"{Job(jobId)}/events";

    /// <summary>
    /// GET with optional <c>after</c> (a sequence number, default 0) and <c>limit</c> (1 to
    /// <see cref="JobLimits.MaxHistoryPageSize"/>, the default): <see cref="JobHistoryPage"/>, the job's recorded
    /// history. Not <see cref="Events"/>, whose stream is live events, not kept ones.
    /// </summary>
    public static string History(Guid jobId) => $"{Job(jobId)}/history";

    /// <summary>PATCH <see cref="HttpOptionsUpdate"/>: <see cref="JobInfo"/>.</summary>
    public static string HttpOptions(Guid jobId) => $"{Job(jobId)}/http";

    /// <summary>PUT <see cref="JobCredential"/>: <see cref="JobInfo"/>.</summary>
    public static string Credentials(Guid jobId) => $"{Job(jobId)}/credentials";

    /// <summary>DELETE: <see cref="JobInfo"/>; removes the job's credential for (target, scheme), lowercase names.</summary>
    public static string Credential(Guid jobId, AuthTarget target, AuthScheme scheme) =>
        $"{Credentials(jobId)}/{target.ToString().ToLowerInvariant()}/{scheme.ToString().ToLowerInvariant()}";

    /// <summary>PUT <see cref="ClientCertificateSpec"/>: <see cref="JobInfo"/>; DELETE removes it.</summary>
    public static string ClientCertificate(Guid jobId) => $"{Job(jobId)}/client-certificate";

    /// <summary>PUT <see cref="RemoteUrlChange"/>: <see cref="JobInfo"/>; the file at <paramref name="fileIndex"/> gets a new URL.</summary>
    public static string RemoteUrl(Guid jobId, int fileIndex) => $"{Files(jobId)}/{fileIndex}/remote-url";

    /// <summary>POST <see cref="RemotePrefixChange"/>: <see cref="JobInfo"/>.</summary>
    public static string RemotePrefix(Guid jobId) => $"{Job(jobId)}/replace-remote-prefix";

    /// <summary>GET: an UploadReply job's reply in memory, <see cref="Uploads.JobReply"/> (its data base64 in JSON).</summary>
    public static string Reply(Guid jobId) => $"{Job(jobId)}/reply";

    /// <summary>POST, no body: <see cref="JobInfo"/>. Verbs: resume, suspend, cancel, complete, take-ownership.</summary>
    public static string Action(Guid jobId, string verb) => $"{Job(jobId)}/{verb}";
}
