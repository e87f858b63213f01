using System.Text.Json;

namespace Orleans.Transfer.Notifications.Tests;

public sealed class NotificationSettingsTests
{
    private static readonly string s_program = OperatingSystem.IsWindows() ? @"C:\tools\notify.exe" : "/usr/local/bin/notify";

    public static TheoryData<NotificationSettings, string> InvalidSettings() => new()
    {
        { new NotificationSettings(CommandProgram: "notify.sh"), "notifications.commandProgram" },
        { new NotificationSettings(CommandProgram: "./bin/notify"), "notifications.commandProgram" },
        { new NotificationSettings(CommandProgram: ""), "notifications.commandProgram" },
        { new NotificationSettings(CommandArguments: ["x"]), "notifications.commandProgram" },
        { new NotificationSettings(s_program, ["ok", null!]), "notifications.commandArguments[1]" },
        { new NotificationSettings(s_program, ["a\0b"]), "notifications.commandArguments[0]" },
        { new NotificationSettings(s_program, [new string('a', 2000), new string('b', 2000)]), "notifications.commandArguments" },
        { new NotificationSettings(WebhookUrl: "/hooks/xfer"), "notifications.webhookUrl" },
        { new NotificationSettings(WebhookUrl: "ftp://example.com/hook"), "notifications.webhookUrl" },
        { new NotificationSettings(WebhookUrl: "file:///tmp/hook"), "notifications.webhookUrl" },
        { new NotificationSettings(WebhookUrl: "https://example.com/" + new string('a', 2200)), "notifications.webhookUrl" },
        { new NotificationSettings(WebhookSecret: "s3cret"), "notifications.webhookSecret" },
        { new NotificationSettings(WebhookUrl: "https://example.com/hook", WebhookSecret: ""), "notifications.webhookSecret" },
        { new NotificationSettings(Flags: (JobEventKind)16), "notifications.flags" },
        { new NotificationSettings(Flags: JobEventKind.JobError | (JobEventKind)0x100), "notifications.flags" },
    };

    public static TheoryData<NotificationSettings> ValidSettings() => new()
    {
        new NotificationSettings(),
        new NotificationSettings(Flags: JobEventKind.None),
        new NotificationSettings(s_program),
        new NotificationSettings(s_program, ["%id%", "%state%", new string('a', 3987)]),
        new NotificationSettings(WebhookUrl: "http://127.0.0.1:8080/hook?token=abc"),
        new NotificationSettings(
            WebhookUrl: "https://example.com/hook",
            WebhookSecret: "s3cret",
            Flags: JobEventKind.JobTransferred | JobEventKind.JobError | JobEventKind.JobModification | JobEventKind.FileTransferred),
    };

    [Theory]
    [MemberData(nameof(InvalidSettings))]
    public void Validate_InvalidSettings_ThrowsInvalidArgumentNamingTheField(NotificationSettings settings, string field)
    {
        var exception = Assert.Throws<TransferJobException>(settings.Validate);

        Assert.Equal(TransferErrorCode.InvalidArgument, exception.Code);
        Assert.Equal(field, exception.Field);
        Assert.Contains(field, exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ValidSettings))]
    public void Validate_ValidSettings_DoesNotThrow(NotificationSettings settings) => settings.Validate();

    [Fact]
    public void Validate_UrlWithCredentials_MessageHidesThem()
    {
        var settings = new NotificationSettings(WebhookUrl: "gopher://user:pa55@example.com/hook?token=t0k3n");

        var exception = Assert.Throws<TransferJobException>(settings.Validate);

        Assert.DoesNotContain("pa55", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("t0k3n", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Flags_Default_AreTransferredAndError()
    {
        Assert.Equal(JobEventKind.JobTransferred | JobEventKind.JobError, new NotificationSettings().Flags);
    }

    [Fact]
    public void RunsCommandFor_OnlyTransferredAndErrorWhenFlagged()
    {
        var all = JobEventKind.JobTransferred | JobEventKind.JobError | JobEventKind.JobModification | JobEventKind.FileTransferred;
        var settings = new NotificationSettings(s_program, Flags: all);

        Assert.True(settings.RunsCommandFor(JobEventKind.JobTransferred));
        Assert.True(settings.RunsCommandFor(JobEventKind.JobError));
        Assert.False(settings.RunsCommandFor(JobEventKind.JobModification));
        Assert.False(settings.RunsCommandFor(JobEventKind.FileTransferred));
        Assert.False((settings with { Flags = JobEventKind.JobError }).RunsCommandFor(JobEventKind.JobTransferred));
        Assert.False(new NotificationSettings().RunsCommandFor(JobEventKind.JobTransferred));
    }

    [Fact]
    public void PostsWebhookFor_FlaggedEventsOnly()
    {
        var settings = new NotificationSettings(WebhookUrl: "https://example.com/hook", Flags: JobEventKind.FileTransferred);

        Assert.True(settings.PostsWebhookFor(JobEventKind.FileTransferred));
        Assert.False(settings.PostsWebhookFor(JobEventKind.JobTransferred));
        Assert.False(new NotificationSettings(Flags: JobEventKind.FileTransferred).PostsWebhookFor(JobEventKind.FileTransferred));
    }

    [Fact]
    public void SystemTextJson_RoundTrip_KeepsEveryValue()
    {
        var settings = new NotificationSettings(s_program, ["a b", "%id%"], "https://example.com/hook", "s3cret", JobEventKind.JobError);

        var copy = JsonSerializer.Deserialize<NotificationSettings>(JsonSerializer.Serialize(settings))!;

        Assert.Equal(settings.CommandProgram, copy.CommandProgram);
        Assert.Equal(settings.CommandArguments, copy.CommandArguments);
        Assert.Equal(settings with { CommandArguments = null }, copy with { CommandArguments = null });
    }

    [Fact]
    public void SystemTextJson_MissingFlags_DefaultsToTransferredAndError()
    {
        var copy = JsonSerializer.Deserialize<NotificationSettings>("""{"WebhookUrl":"https://example.com/hook"}""")!;

        Assert.Equal(JobEventKind.JobTransferred | JobEventKind.JobError, copy.Flags);
    }
}
