using Microsoft.AspNetCore.DataProtection;
using Orleans.Transfer.Grains.Jobs;
using Orleans.Transfer.Grains.State;
using Orleans.Transfer.Storage.Secrets;
using Orleans.Transfer.Tests.Costs;

namespace Orleans.Transfer.Tests.Jobs;

public sealed class JobSecretsTests
{
    private readonly TransferJobState _job = new() { Exists = true };

    [Fact]
    public void ProtectPlaintext_LeavesOnlyCiphertext_AndDeliveryGetsThePlaintextBack()
    {
        _job.Notifications = new NotificationSettings(WebhookUrl: "https://example.test/hook", WebhookSecret: "s3cret");
        var secrets = TestSecrets.For(_job);
        Assert.True(secrets.HasPlaintext);

        secrets.ProtectPlaintext();

        Assert.False(secrets.HasPlaintext);
        Assert.Null(_job.Notifications.WebhookSecret);
        Assert.DoesNotContain("s3cret", _job.ProtectedWebhookSecret, StringComparison.Ordinal);
        Assert.True(secrets.TryGetDeliverySettings(out var settings, out _));
        Assert.Equal("s3cret", settings.WebhookSecret);
        Assert.Equal("***", new JobProjector(Guid.NewGuid(), () => _job, new FixedLiveProgress(), TestCosts.For(() => _job), "127.0.0.1:11111@1").ToInfo().Notifications!.WebhookSecret);
    }

    [Fact]
    public void TryGetDeliverySettings_WithACiphertextItsKeyCannotRead_RefusesToSignWithNothing()
    {
        _job.Notifications = new NotificationSettings(WebhookUrl: "https://example.test/hook");
        _job.ProtectedWebhookSecret = new DataProtectionSecretProtector(new EphemeralDataProtectionProvider())
            .Protect("another key ring's secret", SecretPurposes.WebhookSecret);

        Assert.False(TestSecrets.For(_job).TryGetDeliverySettings(out _, out var problem));
        Assert.Contains("cannot be decrypted", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void NoSecret_NothingToProtect()
    {
        _job.Notifications = new NotificationSettings(WebhookUrl: "https://example.test/hook");
        var secrets = TestSecrets.For(_job);

        secrets.ProtectPlaintext();

        Assert.Null(_job.ProtectedWebhookSecret);
        Assert.Null(new JobProjector(Guid.NewGuid(), () => _job, new FixedLiveProgress(), TestCosts.For(() => _job), "127.0.0.1:11111@1").ToInfo().Notifications!.WebhookSecret);
    }
}
