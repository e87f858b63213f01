using System.Text.Json;
using System.Text.Json.Serialization;
using Orleans.Transfer.Http;
using Orleans.Transfer.Uploads;

namespace Orleans.Transfer.LocalApi;

// The local API's bodies and answers, source-generated with the same settings as TransferJson.Options: a short-lived
// xfer would otherwise spend most of its CPU building reflection serializers for the one or two it reads.
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(ApiError))]
[JsonSerializable(typeof(CallerInfo))]
[JsonSerializable(typeof(JobListQuery))]
[JsonSerializable(typeof(JobListPage))]
[JsonSerializable(typeof(JobInfo))]
[JsonSerializable(typeof(JobFilePage))]
[JsonSerializable(typeof(JobEvent))]
[JsonSerializable(typeof(JobReply))]
[JsonSerializable(typeof(CreateJobRequest))]
[JsonSerializable(typeof(IReadOnlyList<CreateJobRequest>))]
[JsonSerializable(typeof(IReadOnlyList<JobInfo>))]
[JsonSerializable(typeof(IReadOnlyList<FileSpec>))]
[JsonSerializable(typeof(JobPropertiesUpdate))]
[JsonSerializable(typeof(NotificationSettings))]
[JsonSerializable(typeof(HttpOptionsUpdate))]
[JsonSerializable(typeof(JobCredential))]
[JsonSerializable(typeof(ClientCertificateSpec))]
[JsonSerializable(typeof(RemoteUrlChange))]
[JsonSerializable(typeof(RemotePrefixChange))]
[JsonSerializable(typeof(ResetRequest))]
[JsonSerializable(typeof(ResetResult))]
[JsonSerializable(typeof(BandwidthPolicySpec))]
[JsonSerializable(typeof(DashboardLogin))]
[JsonSerializable(typeof(NetworkCost))]
[JsonSerializable(typeof(ServiceStatus))]
[JsonSerializable(typeof(JobHistoryPage))]
internal sealed partial class TransferJsonContext : JsonSerializerContext;
