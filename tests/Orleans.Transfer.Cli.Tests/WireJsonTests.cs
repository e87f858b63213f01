using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Orleans.Transfer.Http;
using Orleans.Transfer.LocalApi;

namespace Orleans.Transfer.Cli.Tests;

/// <summary>
/// The local API's JSON comes from generated serializers (a short-lived xfer then builds none by reflection), and they
/// write exactly what the reflection serializers of the same options wrote: the wire form is a contract.
/// </summary>
public sealed class WireJsonTests
{
    private static readonly JsonSerializerOptions s_reflection = Reflection();

    public static TheoryData<object> Values() =>
    [
        FakeTransferClient.Sample(JobState.TransientError, new JobError(TransferErrorCode.HttpStatus, ErrorContext.RemoteFile, "503 Service Unavailable", 503, 1)),
        HttpInfoOutputTests.WithHttp(),
        new JobListPage(
            [new JobSummary(FakeTransferClient.JobId, "nightly", JobState.Queued, JobPriority.Low, "alice", new JobProgress(10, 5, 2, 1),
                new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero), new DateTimeOffset(2025, 1, 2, 3, 4, 6, TimeSpan.Zero))],
            "token"),
        new JobListQuery(null, IncludeFinal: true, States: [JobState.Error, JobState.Suspended], PageSize: 50, AllOwners: true),
        new JobEvent(FakeTransferClient.JobId, JobEventKind.FileTransferred, JobState.Transferring, 7, null, 1, 2, 0, null, DateTimeOffset.UnixEpoch),
        new JobEvent(FakeTransferClient.JobId, JobEventKind.JobModification, JobState.Transferred, 7, 7, 1, 1, 0, TransferErrorCode.RenameFailed, DateTimeOffset.UnixEpoch, Settled: true),
        new CreateJobRequest(
            "nightly", null, JobType.Download, JobPriority.Foreground, "",
            [new FileSpec("https://example.com/a.bin", "/data/a.bin", [new ByteRange(0, 99)])],
            Resume: true,
            MinimumRetryDelay: TimeSpan.FromMinutes(5),
            Notifications: new NotificationSettings(WebhookUrl: "https://hooks.example.com/x", Flags: JobEventKind.JobTransferred | JobEventKind.JobError),
            Credentials: [new JobCredential(AuthTarget.Server, AuthScheme.Basic, "alice", "secret")]),
        new CallerInfo("1000", "alice", IsAdministrator: false),
        new ApiError(TransferErrorCode.NotFound, "No job has that id.", "id"),
        new ResetResult(3, 1),
        new JobHistoryPage(
            FakeTransferClient.JobId,
            [new JobHistoryEntry(3, DateTimeOffset.UnixEpoch, JobHistoryKind.Retry, JobState.TransientError, "ServerUnreachable", "retrying")],
            Dropped: 2,
            Next: 3),
    ];

    [Fact]
    public void JobEventJson_KeepsItsFieldNames_SettledAppended()
    {
        // The local API's event stream (docs/contracts.md): members are only ever appended.
        var jobEvent = new JobEvent(FakeTransferClient.JobId, JobEventKind.JobTransferred, JobState.Transferred, 7, 7, 1, 1, null, null, DateTimeOffset.UnixEpoch, Settled: false);
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(jobEvent, TransferJson.Options));

        Assert.Equal(
            ["jobId", "kind", "state", "bytesTransferred", "bytesTotal", "filesTransferred", "filesTotal", "fileIndex", "errorCode", "occurredAt", "settled"],
            json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.False(json.RootElement.GetProperty("settled").GetBoolean());
    }

    [Theory]
    [MemberData(nameof(Values))]
    public void GeneratedSerializers_WriteWhatReflectionWrote_AndReadItBack(object value)
    {
        var type = value.GetType();
        var reflected = JsonSerializer.Serialize(value, type, s_reflection);

        Assert.Equal(reflected, JsonSerializer.Serialize(value, type, TransferJson.Options));
        var read = JsonSerializer.Deserialize(reflected, type, TransferJson.Options);
        Assert.Equal(reflected, JsonSerializer.Serialize(read, type, s_reflection));
    }

    [Theory]
    [MemberData(nameof(Values))]
    public void ClientMetadata_WithoutReflection_WritesAndReadsTheSameJson(object value)
    {
        // What the local API client (and the natively compiled xfer, which cannot reflect) uses on both ends.
        var type = value.GetType();
        var metadata = (JsonTypeInfo)typeof(TransferJsonMetadata).GetMethod(nameof(TransferJsonMetadata.For))!.MakeGenericMethod(type).Invoke(null, null)!;
        var reflected = JsonSerializer.Serialize(value, type, s_reflection);

        Assert.Equal(reflected, JsonSerializer.Serialize(value, metadata));
        Assert.Equal(reflected, JsonSerializer.Serialize(JsonSerializer.Deserialize(reflected, metadata), type, s_reflection));
    }

    [Fact]
    public void ClientMetadata_RefusesATypeOutsideTheContext() =>
        Assert.Throws<NotSupportedException>(() => TransferJsonMetadata.For<Uri>());

    [Fact]
    public void EveryGeneratedType_IsServedByTheGeneratedContext()
    {
        var context = typeof(TransferJson).Assembly.GetType("Orleans.Transfer.LocalApi.TransferJsonContext", throwOnError: true)!;
        var types = context.GetCustomAttributesData()
            .Where(a => a.AttributeType == typeof(JsonSerializableAttribute))
            .Select(a => (Type)a.ConstructorArguments[0].Value!)
            .ToList();

        Assert.Contains(typeof(JobListPage), types);
        Assert.All(types, t => Assert.IsAssignableFrom<JsonSerializerContext>(TransferJson.Options.GetTypeInfo(t).OriginatingResolver));
    }

    private static JsonSerializerOptions Reflection()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };
        options.Converters.Add(new JsonStringEnumConverter());
        return options;
    }
}
