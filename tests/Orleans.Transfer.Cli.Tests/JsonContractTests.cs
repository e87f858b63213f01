using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Orleans.Transfer.Cli.Output;
using Orleans.Transfer.Cli.Output.Json;
using Orleans.Transfer.LocalApi;

namespace Orleans.Transfer.Cli.Tests;

/// <summary>
/// Pins the JSON shapes of docs/contracts.md ("JSON output", the local API's answers): field names only ever appended.
/// </summary>
[Collection(EnvironmentCollection.Name)]
public sealed class JsonContractTests
{
    private static readonly string s_id = FakeTransferClient.JobId.ToString();

    [Fact]
    public void JobInfoJson_KeepsItsFieldNames()
    {
        var job = HttpInfoOutputTests.WithHttp() with
        {
            Error = new JobError(TransferErrorCode.HttpStatus, ErrorContext.RemoteFile, "Not Found", 404, 1),
            Notifications = new NotificationSettings("/bin/true", ["%id%"], "https://hooks.example.com/x", "secret", JobEventKind.JobTransferred),
            Type = JobType.UploadReply,
            Reply = new Uploads.JobReplyInfo(2048, 1024, "/data/reply.bin"),
            Yield = new Yield.JobYieldInfo(Yielding: true, WindowBytes: 12288, RateBytesPerSecond: 1_250_000, "eth0", "tcp-timestamps"),
            Silo = "10.0.0.7:11111@499000000",
        };
        job = job with { Files = [job.Files[0] with { Digest = new JobFileDigest(DigestAlgorithm.Sha256, new string('0', 64), Verified: true) }] };

        var json = JsonSerializer.Serialize(JobJson.From(job), XferJsonContext.Default.JobJson);

        Assert.Equal(
            [
                "id", "displayName", "description", "type", "state", "priority", "owner",
                "progress", "progress.bytesTotal", "progress.bytesTransferred", "progress.filesTotal", "progress.filesTransferred",
                "files", "files[].remoteUrl", "files[].localPath", "files[].bytesTotal", "files[].bytesTransferred", "files[].completed",
                "files[].finalUrl", "files[].digest", "files[].digest.algorithm", "files[].digest.expected", "files[].digest.verified",
                "error", "error.code", "error.context", "error.message", "error.httpStatus", "error.fileIndex",
                "errorCount", "minimumRetryDelaySeconds", "noProgressTimeoutSeconds",
                "times", "times.created", "times.modified", "times.transferCompleted",
                "maxBytesPerSecond", "maxDownloadTimeSeconds", "nextRetryAt",
                "notifications", "notifications.commandProgram", "notifications.commandArguments", "notifications.webhookUrl",
                "notifications.webhookSecretSet", "notifications.flags",
                "http", "http.credentials", "http.credentials[].target", "http.credentials[].scheme", "http.credentials[].userName",
                "http.customHeaderNames", "http.proxy", "http.proxy.usage", "http.proxy.proxies", "http.proxy.bypass", "http.redirects",
                "http.ignoreCertificateErrors", "http.checkRevocation", "http.dynamicContent", "http.maxDownloadBytes",
                "http.clientCertificate", "http.clientCertificate.source", "http.clientCertificate.origin", "http.clientCertificate.subject",
                "http.clientCertificate.thumbprint", "http.clientCertificate.notAfter", "http.segments",
                "reply", "reply.bytesTotal", "reply.bytesTransferred", "reply.path",
                "costPolicy", "costPolicyMask", "costPolicyIsDefault",
                "yield", "yield.yielding", "yield.windowBytes", "yield.rateBytesPerSecond", "yield.interface", "yield.delaySignal",
                "silo", "completeWhenTransferred",
            ],
            FieldPaths(json));
    }

    [Fact]
    public void JobListJson_KeepsItsFieldNames()
    {
        var job = FakeTransferClient.Sample(JobState.Queued);
        IReadOnlyList<SummaryJson> list =
            [SummaryJson.From(new JobSummary(job.Id, job.DisplayName, job.State, job.Priority, job.Owner, job.Progress, job.Times.Created, job.Times.Modified))];

        var json = JsonSerializer.Serialize(list, XferJsonContext.Default.IReadOnlyListSummaryJson);

        Assert.Equal(
            [
                "[].id", "[].displayName", "[].state", "[].priority", "[].owner",
                "[].progress", "[].progress.bytesTotal", "[].progress.bytesTransferred", "[].progress.filesTotal", "[].progress.filesTransferred",
                "[].times", "[].times.created", "[].times.modified",
            ],
            FieldPaths(json));
    }

    [Fact]
    public void ProgressJsonLine_KeepsItsFieldNames()
    {
        var snapshot = new ProgressSnapshot(FakeTransferClient.JobId, JobState.Transferring, new JobProgress(100, 40, 2, 0), 10, TimeSpan.FromSeconds(6));

        var json = JsonSerializer.Serialize(ProgressEventJson.From(snapshot), XferJsonContext.Default.ProgressEventJson);

        Assert.Equal(
            ["id", "state", "bytesTransferred", "bytesTotal", "filesTransferred", "filesTotal", "bytesPerSecond", "etaSeconds"],
            FieldPaths(json));
    }

    [Fact]
    public void WhoamiJson_KeepsItsFieldNames()
    {
        var json = JsonSerializer.Serialize(CallerJson.From(new CallerInfo("unix:1001", "alice", false)), XferJsonContext.Default.CallerJson);

        Assert.Equal(["owner", "name", "isAdministrator"], FieldPaths(json));
    }

    [Fact]
    public void JsonEnums_AreWrittenByName()
    {
        var json = JsonSerializer.Serialize(JobJson.From(FakeTransferClient.Sample(JobState.TransientError)), XferJsonContext.Default.JobJson);

        using var document = JsonDocument.Parse(json);
        Assert.Equal("TransientError", document.RootElement.GetProperty("state").GetString());
        Assert.Equal("High", document.RootElement.GetProperty("priority").GetString());
        Assert.Equal("Download", document.RootElement.GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("-q")]
    [InlineData("--format json")]
    public async Task TransferNoWait_PrintsTheJobIdAloneOnStdout(string options)
    {
        var client = new FakeTransferClient();

        var run = await CliRun.InvokeAsync(client, ["transfer", "https://example.com/a.bin", "a.bin", "--no-wait", .. options.Split(' ', StringSplitOptions.RemoveEmptyEntries)]);

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal(s_id + Environment.NewLine, run.Out);
    }

    [Fact]
    public void LocalApi_ServiceStatus_KeepsItsRouteAndJson()
    {
        var status = new ServiceStatus(
            "1.0.0", 42, new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), "Sqlite", [new ServiceListener("gateway", "127.0.0.1:30000")],
            AllOwners: true, [new JobStateCount(JobState.Queued, 3)]);

        var json = JsonSerializer.Serialize(status, TransferJson.Options);
        var clustered = JsonSerializer.Serialize(
            status with { Cluster = new ClusterBandwidthStatus("127.0.0.1:11111@1", Guid.Empty, "4M", 0.25, 1, null) }, TransferJson.Options);

        Assert.Equal("/v1/service/status", LocalApiRoutes.ServiceStatus);
        Assert.Equal(
            """{"version":"1.0.0","processId":42,"startedAt":"2026-01-02T03:04:05+00:00","store":"Sqlite","listeners":[{"name":"gateway","address":"127.0.0.1:30000"}],"allOwners":true,"jobs":[{"state":"Queued","count":3}],"cluster":null}""",
            json);
        Assert.EndsWith(
            """
            "cluster":{"silo":"127.0.0.1:11111@1","policyVersion":"00000000-0000-0000-0000-000000000000","backgroundLimit":"4M","backgroundShare":0.25,"backgroundDemand":1,"reportedAt":null}}
            """,
            clustered,
            StringComparison.Ordinal);
    }

    [Fact]
    public void ServiceStatusJson_KeepsItsFieldNames_RunningOrNot()
    {
        var status = new ServiceStatus(
            "1.0.0", 42, DateTimeOffset.UnixEpoch, "PostgreSql", [new ServiceListener("localApi", "unix:/run/orleans-transfer/xfer.sock")],
            AllOwners: false, [new JobStateCount(JobState.Transferring, 2)]);

        var running = JsonSerializer.Serialize(ServiceStatusJson.From("/run/orleans-transfer/xfer.sock", status), XferJsonContext.Default.ServiceStatusJson);
        var stopped = JsonSerializer.Serialize(ServiceStatusJson.NotRunning("/run/orleans-transfer/xfer.sock"), XferJsonContext.Default.ServiceStatusJson);

        var inCluster = status with
        {
            Cluster = new ClusterBandwidthStatus("127.0.0.1:11111@1", Guid.Empty, "4M", 0.25, 1, DateTimeOffset.UnixEpoch),
        };
        var clustered = JsonSerializer.Serialize(ServiceStatusJson.From("/run/orleans-transfer/xfer.sock", inCluster), XferJsonContext.Default.ServiceStatusJson);

        string[] top = ["running", "address", "version", "processId", "startedAt", "store", "listeners", "allOwners", "jobs", "jobsTotal", "cluster"];
        string[] alone =
        [
            "running", "address", "version", "processId", "startedAt", "store", "listeners", "listeners[].name", "listeners[].address",
            "allOwners", "jobs", "jobs[].state", "jobs[].count", "jobsTotal", "cluster",
        ];
        Assert.Equal(alone, FieldPaths(running));
        Assert.Equal(
            [.. alone, "cluster.silo", "cluster.policyVersion", "cluster.backgroundLimit", "cluster.backgroundShare", "cluster.backgroundDemand", "cluster.reportedAt"],
            FieldPaths(clustered));
        Assert.Equal(top, FieldPaths(stopped));
        using var document = JsonDocument.Parse(stopped);
        Assert.All(top.Skip(2), name => Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty(name).ValueKind));
        Assert.Contains("\"state\": \"Transferring\"", running, StringComparison.Ordinal);
    }

    [Fact]
    public void JobReplyJson_KeepsItsFieldNames_DataBase64()
    {
        var reply = new Uploads.JobReply(new Uploads.JobReplyInfo(3, 3, "/data/reply.bin"), [0, 0xFF, (byte)'a']);

        var json = JsonSerializer.Serialize(JobReplyJson.From(FakeTransferClient.JobId, reply), XferJsonContext.Default.JobReplyJson);

        Assert.Equal(["id", "path", "bytesTotal", "bytesTransferred", "isComplete", "data"], FieldPaths(json));
        using var document = JsonDocument.Parse(json);
        Assert.Equal("AP9h", document.RootElement.GetProperty("data").GetString());
    }

    [Fact]
    public void PolicyJson_KeepsItsFieldNames()
    {
        var json = JsonSerializer.Serialize(
            PolicyJson.From(new BandwidthPolicySpec("10M", null, null, null, null), new NetworkCost(NetworkCostStates.Unrestricted, "networkmanager", "ethernet")),
            XferJsonContext.Default.PolicyJson);

        Assert.Equal(
            ["backgroundLimit", "timetable", "highLimit", "normalLimit", "lowLimit", "networkCost", "networkCost.state", "networkCost.source", "networkCost.detail"],
            FieldPaths(json));
    }

    /// <summary>Every property path of a JSON document in order; an array contributes its first element's paths under <c>[]</c>.</summary>
    [Fact]
    public async Task JobEventsJson_KeepsItsFieldNames_AndTheLocalApiItsRouteAndShape()
    {
        var entry = new JobHistoryEntry(3, new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), JobHistoryKind.Retry, JobState.TransientError, "ServerUnreachable", "retrying");
        var client = new FakeTransferClient { History = new JobHistoryPage(FakeTransferClient.JobId, [entry], Dropped: 2, Next: 3) };

        var run = await CliRun.InvokeAsync(client, ["job", "events", s_id, "--format", "json"]);

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        string[] fields = ["jobId", "events", "events[].seq", "events[].at", "events[].kind", "events[].state", "events[].code", "events[].message", "dropped", "next"];
        Assert.Equal(fields, FieldPaths(run.Out));
        using var document = JsonDocument.Parse(run.Out);
        var first = document.RootElement.GetProperty("events")[0];
        Assert.Equal(("Retry", "TransientError", "2026-01-02T03:04:05+00:00"), (first.GetProperty("kind").GetString(), first.GetProperty("state").GetString(), first.GetProperty("at").GetString()));

        // The local API answers the same shape (TransferJson), on its own route.
        Assert.Equal($"/v1/jobs/{s_id}/history", LocalApiRoutes.History(FakeTransferClient.JobId));
        Assert.Equal(fields, FieldPaths(JsonSerializer.Serialize(client.History, TransferJson.Options)));
    }

    [Fact]
    public async Task JobEvents_Text_IsATableOfTheEntries_SayingWhatWasDropped()
    {
        var entry = new JobHistoryEntry(3, new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), JobHistoryKind.Error, JobState.Error, "SourceNotFound", "gone");
        var client = new FakeTransferClient { History = new JobHistoryPage(FakeTransferClient.JobId, [entry], Dropped: 2, Next: 3) };

        var run = await CliRun.InvokeAsync(client, ["job", "events", s_id]);

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Contains("(2 older event(s) no longer kept)", run.Out, StringComparison.Ordinal);
        Assert.Contains("2026-01-02 03:04:05Z", run.Out, StringComparison.Ordinal);
        Assert.Contains("SourceNotFound", run.Out, StringComparison.Ordinal);
    }

    private static List<string> FieldPaths(string json)
    {
        using var document = JsonDocument.Parse(json);
        var paths = new List<string>();
        Collect(document.RootElement, string.Empty, paths);
        return paths;
    }

    private static void Collect(JsonElement element, string prefix, List<string> paths)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    var path = prefix.Length == 0 ? property.Name : $"{prefix}.{property.Name}";
                    paths.Add(path);
                    if (property.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
                    {
                        Collect(property.Value, path, paths);
                    }
                }

                break;
            case JsonValueKind.Array when element.GetArrayLength() > 0 && element[0].ValueKind == JsonValueKind.Object:
                Collect(element[0], prefix + "[]", paths);
                break;
        }
    }
}
