using System.Text.Json;

namespace Orleans.Transfer.Cli.Tests;

/// <summary>Real command lines against the real grains, through the CLI's own <c>ITransferClient</c>.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ServiceBackedTests(ClusterFixture fixture) : IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("xfer-cli-work-");

    public void Dispose() => _work.Delete(recursive: true);

    [Fact]
    public async Task Transfer_FileSource_ExitsZero_WithIdenticalBytes()
    {
        var source = Path.Combine(_work.FullName, "source.bin");
        var bytes = Enumerable.Range(0, 100_000).Select(i => (byte)(i * 7)).ToArray();
        await File.WriteAllBytesAsync(source, bytes);
        var destination = Directory.CreateDirectory(Path.Combine(_work.FullName, "out")).FullName;

        var run = await Xfer("transfer", new Uri(source).AbsoluteUri, destination);

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal(bytes, await File.ReadAllBytesAsync(Path.Combine(destination, "source.bin")));
    }

    [Fact]
    public async Task Transfer_MakesNoCompleteCall_TheServiceCompletesTheJob_AndExitsZero()
    {
        var source = Path.Combine(_work.FullName, "auto.bin");
        var bytes = Enumerable.Range(0, 64 * 1024).Select(i => (byte)(i * 13)).ToArray();
        await File.WriteAllBytesAsync(source, bytes);
        var destination = Path.Combine(_work.FullName, "auto-copy.bin");

        var run = await Xfer("transfer", new Uri(source).AbsoluteUri, destination);

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        var id = JobIdIn(run.Error);
        Assert.Contains($"job {id}: 1 file(s) in place.", run.Error, StringComparison.Ordinal);
        Assert.Equal(0, fixture.CompleteCalls.For(id));
        Assert.Equal(JobState.Acknowledged, (await fixture.Client.GetAsync(id)).State);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(destination));
    }

    [Fact]
    public async Task JobWatch_OfASelfCompletingJob_EndsWithTheFilesInPlace_ExitZero()
    {
        var source = Path.Combine(_work.FullName, "watched.bin");
        await File.WriteAllBytesAsync(source, new byte[10_000]);
        var destination = Path.Combine(_work.FullName, "watched-copy.bin");
        var job = await fixture.Client.CreateJobAsync(new CreateJobRequest(
            "watched", null, JobType.Download, JobPriority.Normal, "", [new FileSpec(new Uri(source).AbsoluteUri, destination)], Resume: true, CompleteWhenTransferred: true));

        var watch = await Xfer("job", "watch", job.Id.ToString(), "-q");

        Assert.True(watch.ExitCode == ExitCodes.Success, watch.ToString());
        Assert.Contains($"job {job.Id}: 1 file(s) in place.", watch.Error, StringComparison.Ordinal);
        Assert.Equal(0, fixture.CompleteCalls.For(job.Id));
        Assert.True(File.Exists(destination));
    }

    [Fact]
    public async Task JobLifecycle_CreateAddResumeInfoListComplete()
    {
        var source = Path.Combine(_work.FullName, "a.txt");
        await File.WriteAllTextAsync(source, "hello, transfer");
        var destination = Path.Combine(_work.FullName, "a-copy.txt");

        var create = await Xfer("job", "create", "lifecycle", "--description", "a test", "--priority", "high");
        Assert.True(create.ExitCode == ExitCodes.Success, create.ToString());
        var id = create.Out.Trim();
        Assert.True(Guid.TryParse(id, out _), create.ToString());

        var add = await Xfer("job", "add-file", id, source, destination);
        Assert.True(add.ExitCode == ExitCodes.Success, add.ToString());

        var info = await Xfer("job", "info", id, "--format", "json");
        Assert.True(info.ExitCode == ExitCodes.Success, info.ToString());
        using (var json = JsonDocument.Parse(info.Out))
        {
            Assert.Equal("Suspended", json.RootElement.GetProperty("state").GetString());
            Assert.Equal("High", json.RootElement.GetProperty("priority").GetString());
            Assert.Equal("a test", json.RootElement.GetProperty("description").GetString());
            Assert.Equal(destination, json.RootElement.GetProperty("files")[0].GetProperty("localPath").GetString());
        }

        var list = await Xfer("job", "list", "--format", "json");
        Assert.True(list.ExitCode == ExitCodes.Success, list.ToString());
        using (var json = JsonDocument.Parse(list.Out))
        {
            Assert.Contains(json.RootElement.EnumerateArray(), job => job.GetProperty("id").GetString() == id);
        }

        Assert.Equal(ExitCodes.Success, (await Xfer("job", "resume", id)).ExitCode);
        var watch = await Xfer("job", "watch", id);
        Assert.True(watch.ExitCode == ExitCodes.Success, watch.ToString());

        var complete = await Xfer("job", "complete", id);
        Assert.True(complete.ExitCode == ExitCodes.Success, complete.ToString());
        Assert.Equal("hello, transfer", await File.ReadAllTextAsync(destination));
    }

    [Fact]
    public async Task Cancel_ThenResume_IsRefusedWithInvalidState()
    {
        var create = await Xfer("job", "create", "to-cancel");
        var id = create.Out.Trim();

        var cancel = await Xfer("job", "cancel", id);
        var resume = await Xfer("job", "resume", id);

        Assert.True(cancel.ExitCode == ExitCodes.Success, cancel.ToString());
        Assert.Equal(ExitCodes.Refused, resume.ExitCode);
        Assert.Contains("error InvalidState", resume.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Info_UnknownJob_IsRefusedWithNotFound()
    {
        var run = await Xfer("job", "info", Guid.NewGuid().ToString());

        Assert.Equal(ExitCodes.Refused, run.ExitCode);
        Assert.Contains("error NotFound", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transfer_MissingDestinationDirectory_IsRefused()
    {
        var source = Path.Combine(_work.FullName, "b.txt");
        await File.WriteAllTextAsync(source, "b");

        var run = await Xfer("transfer", source, Path.Combine(_work.FullName, "missing", "b.txt"));

        Assert.Equal(ExitCodes.Refused, run.ExitCode);
        Assert.Contains("error DestinationNotFound", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transfer_MaxRate_IsOnTheJob()
    {
        var source = Path.Combine(_work.FullName, "rated.bin");
        await File.WriteAllBytesAsync(source, new byte[4096]);

        var run = await Xfer("transfer", source, Path.Combine(_work.FullName, "rated-copy.bin"), "--max-rate", "10M", "--no-wait");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        var transferred = await fixture.Client.GetAsync(Guid.Parse(run.Out.Trim()));
        Assert.Equal(10L * 1024 * 1024, transferred.MaxBytesPerSecond);

        // The transfer's job completes by itself (CompleteWhenTransferred) and then no longer changes: a job of its own.
        var job = await fixture.Client.CreateDownloadJobAsync("rated");
        await Xfer("job", "set", job.Id.ToString(), "--max-rate", "10M");
        var off = await Xfer("job", "set", job.Id.ToString(), "--max-rate", "off");
        Assert.True(off.ExitCode == ExitCodes.Success, off.ToString());
        Assert.Null((await fixture.Client.GetAsync(job.Id)).MaxBytesPerSecond);
        await fixture.Client.CancelAsync(job.Id);
    }

    [Fact]
    public async Task PolicySet_ThenShow_ReportsTheNewCap()
    {
        var original = await fixture.Client.GetBandwidthPolicyAsync();
        try
        {
            var set = await Xfer("policy", "set", "--background", "10M");
            var show = await Xfer("policy", "show", "--format", "json");

            Assert.True(set.ExitCode == ExitCodes.Success, set.ToString());
            Assert.True(show.ExitCode == ExitCodes.Success, show.ToString());
            using var json = JsonDocument.Parse(show.Out);
            Assert.Equal(10L * 1024 * 1024, TransferRate.Parse(json.RootElement.GetProperty("backgroundLimit").GetString()!));
            Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("timetable").ValueKind);
        }
        finally
        {
            await fixture.Client.SetBandwidthPolicyAsync(original);
        }
    }

    [Fact]
    public async Task PolicySet_BadTimetable_IsRefused()
    {
        var run = await Xfer("policy", "set", "--timetable", "Someday-25:00,fast");

        Assert.Equal(ExitCodes.Refused, run.ExitCode);
        Assert.Contains("error InvalidArgument", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JobSet_Notifications_RoundTrip_HidingTheSecret()
    {
        var id = (await Xfer("job", "create", "notified")).Out.Trim();

        var set = await Xfer(
            "job", "set", id, "--notify-cmd", "/bin/true", "--notify-arg", "%id%", "--notify-url", "https://hooks.example.com/x",
            "--notify-secret", "s3cret", "--notify-flags", "transferred,file");
        var info = await Xfer("job", "info", id, "--format", "json");

        Assert.True(set.ExitCode == ExitCodes.Success, set.ToString());
        using (var json = JsonDocument.Parse(info.Out))
        {
            var notifications = json.RootElement.GetProperty("notifications");
            Assert.Equal("/bin/true", notifications.GetProperty("commandProgram").GetString());
            Assert.True(notifications.GetProperty("webhookSecretSet").GetBoolean());
            Assert.Equal(["JobTransferred", "FileTransferred"], notifications.GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
        }

        var clear = await Xfer("job", "set", id, "--notify-clear");
        Assert.True(clear.ExitCode == ExitCodes.Success, clear.ToString());
        Assert.Null((await fixture.Client.GetAsync(Guid.Parse(id))).Notifications);
        await fixture.Client.CancelAsync(Guid.Parse(id));
    }

    [Fact]
    public async Task ObserveAsync_HearsFileTransferredBeforeJobTransferred()
    {
        var source = Path.Combine(_work.FullName, "observed.bin");
        await File.WriteAllBytesAsync(source, new byte[10_000]);
        var client = fixture.Client;
        var job = await client.CreateDownloadJobAsync("observed");
        await client.AddFileAsync(job.Id, source, Path.Combine(_work.FullName, "observed-copy.bin"));
        var observer = new RecordingObserver();

        await using (await client.ObserveAsync(job.Id, observer))
        {
            await client.ResumeAsync(job.Id);
            Assert.Equal(JobEventKind.JobTransferred, await observer.Settled.Task.WaitAsync(TimeSpan.FromSeconds(30)));
        }

        var events = observer.Events.ToList();
        var file = events.IndexOf(JobEventKind.FileTransferred);
        Assert.InRange(file, 0, events.IndexOf(JobEventKind.JobTransferred) - 1);
        await client.CompleteAsync(job.Id);
    }

    private Task<CliRun> Xfer(params string[] args) => CliRun.InvokeAsync(fixture.Client, args);

    // "job <id>: transferring 1 file(s)", the line xfer transfer shows once the job exists.
    private static Guid JobIdIn(string error) =>
        Guid.Parse(System.Text.RegularExpressions.Regex.Match(error, "job ([0-9a-f-]{36}): transferring").Groups[1].Value);
}
