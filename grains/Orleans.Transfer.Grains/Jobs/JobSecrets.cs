using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Orleans.Transfer.Grains.State;
using Orleans.Transfer.Storage.Secrets;

namespace Orleans.Transfer.Grains.Jobs;

/// <summary>
/// A job's webhook secret at rest: <see cref="JobPersistence"/> encrypts a plain-text secret into
/// <see cref="TransferJobState.ProtectedWebhookSecret"/> before every write, so only ciphertext reaches storage; the
/// plain text is recovered only to sign a delivery. Callers see "***" (<see cref="JobProjector"/>) and logs see nothing.
/// </summary>
internal sealed partial class JobSecrets(Guid jobId, Func<TransferJobState> job, ISecretProtector protector, ILogger logger)
{
    /// <summary>What callers see instead of a secret.</summary>
    public const string Mask = "***";

    private TransferJobState Job => job();

    /// <summary>
    /// True while the settings hold a plain-text secret: just set by a caller, or read from a row an earlier version
    /// wrote. The next write encrypts it.
    /// </summary>
    public bool HasPlaintext => Job.Notifications is { WebhookSecret: not null };

    /// <summary>Moves a plain-text secret into <see cref="TransferJobState.ProtectedWebhookSecret"/>, encrypted.</summary>
    public void ProtectPlaintext()
    {
        if (Job.Notifications is not { WebhookSecret: { } plaintext } settings)
        {
            return;
        }

        Job.ProtectedWebhookSecret = protector.Protect(plaintext, SecretPurposes.WebhookSecret);
        Job.Notifications = settings with { WebhookSecret = null };
    }

    /// <summary>
    /// The settings to deliver with, the secret decrypted; false with a reason when it cannot be (its key is gone):
    /// the webhook is then not called unsigned.
    /// </summary>
    public bool TryGetDeliverySettings(out NotificationSettings settings, out string problem)
    {
        settings = Job.Notifications ?? new NotificationSettings(Flags: JobEventKind.None);
        problem = "";
        if (settings.WebhookSecret is not null || Job.ProtectedWebhookSecret is not { } ciphertext)
        {
            return true;
        }

        try
        {
            settings = settings with { WebhookSecret = protector.Unprotect(ciphertext, SecretPurposes.WebhookSecret) };
            return true;
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            LogSecretUnreadable(logger, jobId, e.Message);
            problem = "the webhook secret cannot be decrypted: its Data Protection key is not in Transfer:Security:KeyDirectory; "
                + "set the notifications again";
            return false;
        }
    }
}
