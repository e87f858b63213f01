using System.Text.Json;

namespace Orleans.Transfer.Cli.Tests;

/// <summary>The documented JSON shapes of <c>job info</c> and <c>job list</c>: field names, enums by name, seconds, nulls.</summary>
public sealed class JsonOutputTests
{
    [Fact]
    public async Task JobInfo_Json_HasEveryDocumentedField()
    {
        var client = new FakeTransferClient
        {
            Job = FakeTransferClient.Sample(
                JobState.Error,
                new JobError(TransferErrorCode.HttpStatus, ErrorContext.RemoteFile, "Not Found", 404, 1)),
        };

        var run = await CliRun.InvokeAsync(client, "job", "info", FakeTransferClient.JobId.ToString(), "--format", "json");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        using var json = JsonDocument.Parse(run.Out);
        var job = json.RootElement;
        AssertProperties(job, "id", "displayName", "description", "type", "state", "priority", "owner", "progress", "files", "error",
            "errorCount", "minimumRetryDelaySeconds", "noProgressTimeoutSeconds", "times", "maxBytesPerSecond", "maxDownloadTimeSeconds",
            "nextRetryAt", "notifications", "http", "reply", "costPolicy", "costPolicyMask", "costPolicyIsDefault", "yield", "silo",
            "completeWhenTransferred");
        Assert.Equal(FakeTransferClient.JobId, job.GetProperty("id").GetGuid());
        Assert.Equal("nightly", job.GetProperty("displayName").GetString());
        Assert.Equal("Download", job.GetProperty("type").GetString());
        Assert.Equal("Error", job.GetProperty("state").GetString());
        Assert.Equal("High", job.GetProperty("priority").GetString());
        Assert.Equal("alice", job.GetProperty("owner").GetString());
        Assert.Equal(600, job.GetProperty("minimumRetryDelaySeconds").GetDouble());
        Assert.Equal(14 * 24 * 3600, job.GetProperty("noProgressTimeoutSeconds").GetDouble());
        Assert.Equal(1, job.GetProperty("errorCount").GetInt32());
        Assert.Equal(JsonValueKind.Null, job.GetProperty("maxBytesPerSecond").ValueKind);
        Assert.Equal(90 * 24 * 3600, job.GetProperty("maxDownloadTimeSeconds").GetDouble());
        Assert.Equal(JsonValueKind.Null, job.GetProperty("nextRetryAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, job.GetProperty("notifications").ValueKind);
        Assert.Equal(JsonValueKind.Null, job.GetProperty("http").ValueKind);
        Assert.Equal(JsonValueKind.Null, job.GetProperty("reply").ValueKind);
        Assert.Equal(JsonValueKind.Null, job.GetProperty("yield").ValueKind);

        var progress = job.GetProperty("progress");
        AssertProperties(progress, "bytesTotal", "bytesTransferred", "filesTotal", "filesTransferred");
        Assert.Equal(JsonValueKind.Null, progress.GetProperty("bytesTotal").ValueKind);
        Assert.Equal(512, progress.GetProperty("bytesTransferred").GetInt64());

        var files = job.GetProperty("files");
        Assert.Equal(2, files.GetArrayLength());
        AssertProperties(files[0], "remoteUrl", "localPath", "bytesTotal", "bytesTransferred", "completed", "finalUrl", "digest");
        Assert.True(files[0].GetProperty("completed").GetBoolean());
        Assert.Equal(JsonValueKind.Null, files[0].GetProperty("digest").ValueKind);
        Assert.Equal(JsonValueKind.Null, files[1].GetProperty("bytesTotal").ValueKind);

        var error = job.GetProperty("error");
        AssertProperties(error, "code", "context", "message", "httpStatus", "fileIndex");
        Assert.Equal("HttpStatus", error.GetProperty("code").GetString());
        Assert.Equal("RemoteFile", error.GetProperty("context").GetString());
        Assert.Equal(404, error.GetProperty("httpStatus").GetInt32());
        Assert.Equal(1, error.GetProperty("fileIndex").GetInt32());

        var times = job.GetProperty("times");
        AssertProperties(times, "created", "modified", "transferCompleted");
        Assert.Equal(new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero), times.GetProperty("created").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Null, times.GetProperty("transferCompleted").ValueKind);
    }

    [Fact]
    public async Task JobInfo_Json_ShowsRateRetryAndNotifications_HidingTheSecret()
    {
        var client = new FakeTransferClient();
        client.Job = client.Job with
        {
            MaxBytesPerSecond = 10 * 1024 * 1024,
            NextRetryAt = new DateTimeOffset(2025, 1, 2, 4, 0, 0, TimeSpan.Zero),
            Notifications = new NotificationSettings(
                "/usr/bin/logger",
                ["%id%", "%state%"],
                "https://hooks.example.com/x",
                "***",
                JobEventKind.JobTransferred | JobEventKind.FileTransferred),
        };

        var run = await CliRun.InvokeAsync(client, "job", "info", FakeTransferClient.JobId.ToString(), "--format", "json");
        var table = await CliRun.InvokeAsync(client, "job", "info", FakeTransferClient.JobId.ToString());

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        using var json = JsonDocument.Parse(run.Out);
        var job = json.RootElement;
        Assert.Equal(10 * 1024 * 1024, job.GetProperty("maxBytesPerSecond").GetInt64());
        Assert.Equal(new DateTimeOffset(2025, 1, 2, 4, 0, 0, TimeSpan.Zero), job.GetProperty("nextRetryAt").GetDateTimeOffset());
        var notifications = job.GetProperty("notifications");
        AssertProperties(notifications, "commandProgram", "commandArguments", "webhookUrl", "webhookSecretSet", "flags");
        Assert.Equal("/usr/bin/logger", notifications.GetProperty("commandProgram").GetString());
        Assert.Equal(["%id%", "%state%"], notifications.GetProperty("commandArguments").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("https://hooks.example.com/x", notifications.GetProperty("webhookUrl").GetString());
        Assert.True(notifications.GetProperty("webhookSecretSet").GetBoolean());
        Assert.Equal(["JobTransferred", "FileTransferred"], notifications.GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
        Assert.DoesNotContain("***", run.Out, StringComparison.Ordinal);

        Assert.Contains("10M/s", table.Out, StringComparison.Ordinal);
        Assert.Contains("/usr/bin/logger %id% %state%", table.Out, StringComparison.Ordinal);
        Assert.Contains("https://hooks.example.com/x (signed)", table.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JobInfo_Json_WritesNullErrorForHealthyJob()
    {
        var run = await CliRun.InvokeAsync(new FakeTransferClient(), "job", "info", FakeTransferClient.JobId.ToString(), "--format", "json");

        using var json = JsonDocument.Parse(run.Out);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("error").ValueKind);
        Assert.Equal("Suspended", json.RootElement.GetProperty("state").GetString());
    }

    [Fact]
    public async Task JobList_Json_IsArrayOfSummaries()
    {
        var run = await CliRun.InvokeAsync(new FakeTransferClient(), "job", "list", "--format", "json");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        using var json = JsonDocument.Parse(run.Out);
        Assert.Equal(JsonValueKind.Array, json.RootElement.ValueKind);
        var job = Assert.Single(json.RootElement.EnumerateArray());
        AssertProperties(job, "id", "displayName", "state", "priority", "owner", "progress", "times");
        AssertProperties(job.GetProperty("progress"), "bytesTotal", "bytesTransferred", "filesTotal", "filesTransferred");
        AssertProperties(job.GetProperty("times"), "created", "modified");
        Assert.Equal("Suspended", job.GetProperty("state").GetString());
    }

    [Fact]
    public async Task JobList_Default_AsksForOwnNonFinalJobs_AllAsksForEveryOwner()
    {
        var client = new FakeTransferClient();

        await CliRun.InvokeAsync(client, "job", "list");
        Assert.Equal(new JobListQuery(null, IncludeFinal: false), client.LastQuery);

        await CliRun.InvokeAsync(client, "job", "list", "--all");
        Assert.Equal(new JobListQuery(null, IncludeFinal: true, AllOwners: true), client.LastQuery);
    }

    [Fact]
    public async Task Table_Formats_ShowIdAndState()
    {
        var client = new FakeTransferClient();

        var info = await CliRun.InvokeAsync(client, "job", "info", FakeTransferClient.JobId.ToString());
        var list = await CliRun.InvokeAsync(client, "job", "list");

        Assert.Contains(FakeTransferClient.JobId.ToString(), info.Out, StringComparison.Ordinal);
        Assert.Contains("Suspended", info.Out, StringComparison.Ordinal);
        Assert.Contains("https://example.com/b.bin", info.Out, StringComparison.Ordinal);
        Assert.StartsWith("ID", list.Out, StringComparison.Ordinal);
        Assert.Contains(FakeTransferClient.JobId.ToString(), list.Out, StringComparison.Ordinal);
    }

    private static void AssertProperties(JsonElement element, params string[] names) =>
        Assert.Equal(names, element.EnumerateObject().Select(p => p.Name));
}
