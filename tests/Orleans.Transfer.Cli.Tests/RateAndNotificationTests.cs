namespace Orleans.Transfer.Cli.Tests;

/// <summary>--max-rate, --max-download-time, --notify-* and policy commands, against a scripted client.</summary>
public sealed class RateAndNotificationTests
{
    private static readonly string s_id = FakeTransferClient.JobId.ToString();

    [Fact]
    public async Task Transfer_MaxRate_IsPartOfTheCreateCall()
    {
        var client = new FakeTransferClient();

        var run = await CliRun.InvokeAsync(client, "transfer", "https://example.com/a.bin", "a.bin", "--no-wait", "--max-rate", "10M");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal(["create-job xfer transfer Normal"], client.Calls);
        Assert.Equal(10485760, client.LastCreate!.MaxBytesPerSecond);
    }

    [Fact]
    public async Task Transfer_MaxRateOff_SetsNothing()
    {
        var client = new FakeTransferClient();

        var run = await CliRun.InvokeAsync(client, "transfer", "https://example.com/a.bin", "a.bin", "--no-wait", "--max-rate", "off");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal(["create-job xfer transfer Normal"], client.Calls);
        Assert.Null(client.LastCreate!.MaxBytesPerSecond);
    }

    [Theory]
    [InlineData("off", 0L)]
    [InlineData("512k", 524288L)]
    [InlineData("1.5M", 1572864L)]
    [InlineData("1G", 1073741824L)]
    public async Task JobSet_MaxRate_SendsBytesPerSecond_OffAsZero(string rate, long expected)
    {
        var client = new FakeTransferClient();

        var run = await CliRun.InvokeAsync(client, "job", "set", s_id, "--max-rate", rate);

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal($"set {new JobPropertiesUpdate(MaxBytesPerSecond: expected)}", Assert.Single(client.Calls));
    }

    [Fact]
    public async Task JobSet_MaxDownloadTime_SendsSeconds()
    {
        var client = new FakeTransferClient();

        var run = await CliRun.InvokeAsync(client, "job", "set", s_id, "--max-download-time", "3600");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal($"set {new JobPropertiesUpdate(MaxDownloadTime: TimeSpan.FromHours(1))}", Assert.Single(client.Calls));
    }

    [Theory]
    [InlineData("transferred,error", JobEventKind.JobTransferred | JobEventKind.JobError)]
    [InlineData("FILE", JobEventKind.FileTransferred)]
    [InlineData("Transferred, Modification", JobEventKind.JobTransferred | JobEventKind.JobModification)]
    [InlineData("error,file,modification,transferred", (JobEventKind)15)]
    [InlineData("12", JobEventKind.JobModification | JobEventKind.FileTransferred)]
    [InlineData("0", JobEventKind.None)]
    public async Task JobSet_NotifyFlags_NamesOrNumber(string text, JobEventKind expected)
    {
        var client = new FakeTransferClient();

        var run = await CliRun.InvokeAsync(client, "job", "set", s_id, "--notify-flags", text);

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal(expected, Assert.Single(client.SentNotifications)!.Flags);
    }

    [Fact]
    public async Task JobSet_NotifyCmd_WithArguments_DefaultFlags()
    {
        var client = new FakeTransferClient();

        var run = await CliRun.InvokeAsync(
            client, "job", "set", s_id, "--notify-cmd", "/usr/bin/logger", "--notify-arg", "job %id%", "--notify-arg", "%state%");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        var sent = Assert.Single(client.SentNotifications)!;
        Assert.Equal("/usr/bin/logger", sent.CommandProgram);
        Assert.Equal(["job %id%", "%state%"], sent.CommandArguments!);
        Assert.Equal(JobEventKind.JobTransferred | JobEventKind.JobError, sent.Flags);
        Assert.Equal(["get", "notify"], client.Calls);
    }

    [Fact]
    public async Task JobSet_NotifyUrl_KeepsTheCurrentCommandAndFlags()
    {
        var current = new NotificationSettings("/usr/bin/true", ["%id%"], Flags: JobEventKind.JobError);
        var client = new FakeTransferClient();
        client.Job = client.Job with { Notifications = current };

        var run = await CliRun.InvokeAsync(client, "job", "set", s_id, "--notify-url", "https://hooks.example.com/x");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal(current with { WebhookUrl = "https://hooks.example.com/x" }, Assert.Single(client.SentNotifications));
    }

    [Fact]
    public async Task JobSet_HiddenSecret_MustBeGivenAgain()
    {
        var client = new FakeTransferClient();
        client.Job = client.Job with { Notifications = new NotificationSettings(WebhookUrl: "https://hooks.example.com/x", WebhookSecret: "***") };

        var refused = await CliRun.InvokeAsync(client, "job", "set", s_id, "--notify-flags", "file");
        var given = await CliRun.InvokeAsync(client, "job", "set", s_id, "--notify-flags", "file", "--notify-secret", "s3cret");

        Assert.True(refused.ExitCode == ExitCodes.Usage, refused.ToString());
        Assert.Contains("--notify-secret", refused.Error, StringComparison.Ordinal);
        Assert.True(given.ExitCode == ExitCodes.Success, given.ToString());
        var sent = Assert.Single(client.SentNotifications)!;
        Assert.Equal("s3cret", sent.WebhookSecret);
        Assert.Equal(JobEventKind.FileTransferred, sent.Flags);
    }

    [Fact]
    public async Task JobSet_NotifyUrlOff_DropsTheWebhookAndItsSecret()
    {
        var client = new FakeTransferClient();
        client.Job = client.Job with
        {
            Notifications = new NotificationSettings("/bin/true", WebhookUrl: "https://hooks.example.com/x", WebhookSecret: "***"),
        };

        var run = await CliRun.InvokeAsync(client, "job", "set", s_id, "--notify-url", "off");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal(new NotificationSettings("/bin/true"), Assert.Single(client.SentNotifications));
    }

    [Fact]
    public async Task JobSet_NotifyClear_SendsNull_WithoutReadingTheJob()
    {
        var client = new FakeTransferClient();

        var run = await CliRun.InvokeAsync(client, "job", "set", s_id, "--notify-clear");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Null(Assert.Single(client.SentNotifications));
        Assert.Equal(["notify"], client.Calls);
    }

    [Fact]
    public async Task JobSet_NotifyArgWithoutProgram_ExitsTwo_ChangingNothing()
    {
        var client = new FakeTransferClient();

        var run = await CliRun.InvokeAsync(client, "job", "set", s_id, "--priority", "low", "--notify-arg", "x");

        Assert.True(run.ExitCode == ExitCodes.Usage, run.ToString());
        Assert.Contains("--notify-cmd", run.Error, StringComparison.Ordinal);
        Assert.Equal(["get"], client.Calls);
    }

    [Fact]
    public async Task JobSet_PropertiesAndNotifications_BothSent()
    {
        var client = new FakeTransferClient();

        var run = await CliRun.InvokeAsync(client, "job", "set", s_id, "--max-rate", "1M", "--notify-url", "https://hooks.example.com/x");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal(["get", $"set {new JobPropertiesUpdate(MaxBytesPerSecond: 1048576)}", "notify"], client.Calls);
    }

    [Fact]
    public async Task PolicySet_MergesWithTheCurrentPolicy_BackgroundReplacesTimetable()
    {
        var client = new FakeTransferClient { Policy = new BandwidthPolicySpec(Timetable: "Mon-08:00,512k", LowLimit: "1M") };

        var run = await CliRun.InvokeAsync(client, "policy", "set", "--background", "10M", "--high", "2M", "--low", "off");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal(new BandwidthPolicySpec(BackgroundLimit: "10M", HighLimit: "2M"), client.Policy);
        Assert.Equal(["get-policy", "set-policy"], client.Calls);
    }

    [Fact]
    public async Task PolicySet_Refused_ExitsThree_WithTheMessage()
    {
        var client = new FakeTransferClient
        {
            Refusal = new TransferJobException(TransferErrorCode.InvalidArgument, "Transfer:Bandwidth:Timetable: bad day 'Xyz'", "policy"),
        };

        var run = await CliRun.InvokeAsync(client, "policy", "set", "--timetable", "Xyz-08:00,1M");

        Assert.Equal(ExitCodes.Refused, run.ExitCode);
        Assert.Contains("bad day 'Xyz'", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PolicyShow_Table_ShowsEveryCap()
    {
        var client = new FakeTransferClient { Policy = new BandwidthPolicySpec(BackgroundLimit: "10M", NormalLimit: "512k") };

        var run = await CliRun.InvokeAsync(client, "policy", "show");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Contains("10M", run.Out, StringComparison.Ordinal);
        Assert.Contains("512k", run.Out, StringComparison.Ordinal);
        Assert.Contains("Low", run.Out, StringComparison.Ordinal);
    }
}
