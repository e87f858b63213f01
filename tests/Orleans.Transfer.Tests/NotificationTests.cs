namespace Orleans.Transfer.Tests;

public sealed class NotificationTests(FakeClockClusterFixture fixture) : IClassFixture<FakeClockClusterFixture>
{
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan s_interval = TimeSpan.FromMilliseconds(25);

    private async Task<ITransferJobGrain> NewJobAsync(NotificationSettings settings)
    {
        var name = $"{Guid.NewGuid():N}.bin";
        fixture.Origin.AddGenerated(name, 1000, seed: 4);
        var job = fixture.Cluster.Client.GetGrain<ITransferJobGrain>(Guid.NewGuid());
        await job.CreateAsync(new CreateJobRequest("notified", null, JobType.Download, JobPriority.Normal, "tester"));
        await job.SetPropertiesAsync(new JobPropertiesUpdate(MinimumRetryDelay: TimeSpan.FromSeconds(60)));
        await job.SetNotificationsAsync(settings);
        var destination = Path.Combine(Directory.CreateTempSubdirectory("xfer-notify-").FullName, "f.bin");
        await job.AddFilesAsync([new FileSpec(fixture.Origin.UrlFor(name).ToString(), destination)]);
        return job;
    }

    /// <summary>
    /// Advances the fake clock in steps until <paramref name="condition"/> holds: the grain arms its retry timer only
    /// after it has seen the failed attempt, which the test cannot observe directly.
    /// </summary>
    private async Task AdvanceUntilAsync(TimeSpan step, Func<bool> condition, string what)
    {
        for (var i = 0; i < 50 && !condition(); i++)
        {
            fixture.Clock.Advance(step);
            var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(1);
            while (!condition() && DateTimeOffset.UtcNow < deadline)
            {
                await Task.Delay(s_interval);
            }
        }

        Assert.True(condition(), $"never saw {what}");
    }

    private static async Task UntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTimeOffset.UtcNow + s_deadline;
        while (!condition())
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"never saw {what}");
            await Task.Delay(s_interval);
        }
    }

    [Fact]
    public async Task NotifyCommand_FailingOnce_RunsAgainAfterMinimumRetryDelay_AndNotAfterSuccess()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var directory = Directory.CreateTempSubdirectory("xfer-notify-cmd-").FullName;
        var log = Path.Combine(directory, "runs.txt");
        var script = Path.Combine(directory, "notify.sh");
        // Fails on its first run, succeeds afterwards; records its arguments and environment each time.
        await File.WriteAllTextAsync(script, $"#!/bin/sh\necho \"$1|$2|$XFER_JOB_STATE\" >> '{log}'\n[ $(wc -l < '{log}') -ge 2 ]\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var job = await NewJobAsync(new NotificationSettings(script, ["%id%", "state is %state%"]));
        await job.ResumeAsync();
        await Poll.UntilStateAsync(job, JobState.Transferred);

        await UntilAsync(() => File.Exists(log) && File.ReadAllLines(log).Length == 1, "the first run");
        Assert.Equal($"{job.GetPrimaryKey()}|state is Transferred|Transferred", File.ReadAllLines(log)[0]);

        await AdvanceUntilAsync(TimeSpan.FromSeconds(60), () => File.ReadAllLines(log).Length == 2, "the retry");

        fixture.Clock.Advance(TimeSpan.FromMinutes(30));
        await job.CompleteAsync();
        Assert.Equal(2, File.ReadAllLines(log).Length);
    }

    [Fact]
    public async Task Webhook_RetriedUntil2xx_WithTheSameEventId_FileTransferredFirst()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.RespondNext(204, 500);
        var flags = JobEventKind.FileTransferred | JobEventKind.JobTransferred;
        var job = await NewJobAsync(new NotificationSettings(WebhookUrl: receiver.Url.ToString(), WebhookSecret: "s3cret", Flags: flags));
        Assert.Equal("***", (await job.GetInfoAsync()).Notifications!.WebhookSecret);
        await job.ResumeAsync();
        await Poll.UntilStateAsync(job, JobState.Transferred);

        await UntilAsync(() => receiver.Received.Count == 2, "two deliveries");
        await AdvanceUntilAsync(TimeSpan.FromSeconds(10), () => receiver.Received.Count == 3, "the redelivery");

        var received = receiver.Received.ToArray();
        Assert.Equal(["FileTransferred", "JobTransferred", "JobTransferred"], received.Select(r => r.Event));
        Assert.Equal(received[1].EventId, received[2].EventId);
        Assert.Contains("\"state\":\"Transferred\"", received[2].Body, StringComparison.Ordinal);

        fixture.Clock.Advance(TimeSpan.FromHours(2));
        await job.CompleteAsync();
        Assert.Equal(3, receiver.Received.Count);
    }

    [Fact]
    public async Task SetNotifications_Invalid_IsRefusedNamingTheField()
    {
        var job = await NewJobAsync(new NotificationSettings());
        var error = await Assert.ThrowsAsync<TransferJobException>(() => job.SetNotificationsAsync(new NotificationSettings("relative/notify.sh")));
        Assert.Equal("notifications.commandProgram", error.Field);
        Assert.Null((await job.GetInfoAsync()).Notifications!.CommandProgram);
    }
}
