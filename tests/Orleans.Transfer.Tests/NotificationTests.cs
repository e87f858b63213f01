using System.Collections.Concurrent;
using System.Text;
using Orleans.Transfer.Testing;

namespace Orleans.Transfer.Tests;

public sealed class NotificationTests(FakeClockClusterFixture fixture) : IClassFixture<FakeClockClusterFixture>
{
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan s_interval = TimeSpan.FromMilliseconds(25);

    // The notify command runs as the job's owner: owned by the test's own account, it runs without switching users.
    private static readonly string s_serviceOwner = ServiceOwner();

    private async Task<ITransferJobGrain> NewJobAsync(NotificationSettings settings)
    {
        var name = $"{Guid.NewGuid():N}.bin";
        fixture.Origin.AddGenerated(name, 1000, seed: 4);
        var job = fixture.Cluster.Client.GetGrain<ITransferJobGrain>(Guid.NewGuid());
        await job.CreateAsync(new CreateJobRequest("notified", null, JobType.Download, JobPriority.Normal, s_serviceOwner));
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

    private static string ServiceOwner()
    {
        if (OperatingSystem.IsWindows())
        {
            using var identity = System.Security.Principal.WindowsIdentity.GetCurrent();
            return identity.User!.Value;
        }

        return $"unix:{Orleans.Transfer.Platform.Unix.UnixAccounts.EffectiveUserId()}";
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
        await JobWaits.StateAsync(job, JobState.Transferred);

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
        var statuses = new ConcurrentQueue<int>([204, 500]);
        receiver.Respond = context =>
        {
            context.Response.StatusCode = statuses.TryDequeue(out var status) ? status : 204;
            return Task.CompletedTask;
        };
        var flags = JobEventKind.FileTransferred | JobEventKind.JobTransferred;
        var job = await NewJobAsync(new NotificationSettings(WebhookUrl: receiver.UrlFor("hook"), WebhookSecret: "s3cret", Flags: flags));
        Assert.Equal("***", (await job.GetInfoAsync()).Notifications!.WebhookSecret);
        await job.ResumeAsync();
        await JobWaits.StateAsync(job, JobState.Transferred);

        var fileTransferred = await receiver.NextRequestAsync();
        var jobTransferred = await receiver.NextRequestAsync();
        await AdvanceUntilAsync(TimeSpan.FromSeconds(10), () => receiver.HasMoreRequests, "the redelivery");
        var redelivered = await receiver.NextRequestAsync();

        Assert.Equal(
            ["FileTransferred", "JobTransferred", "JobTransferred"],
            new[] { fileTransferred, jobTransferred, redelivered }.Select(r => r.Header("X-Xfer-Event")));
        Assert.Equal(jobTransferred.Header("X-Xfer-Event-Id"), redelivered.Header("X-Xfer-Event-Id"));
        Assert.Contains("\"state\":\"Transferred\"", Encoding.UTF8.GetString(redelivered.Body), StringComparison.Ordinal);

        fixture.Clock.Advance(TimeSpan.FromHours(2));
        await job.CompleteAsync();
        Assert.False(receiver.HasMoreRequests);
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
