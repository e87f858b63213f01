using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Orleans.Transfer.Grains.State;
using Orleans.Transfer.Http;
using Orleans.Transfer.Storage.Secrets;
using Orleans.Transfer.Worker;

namespace Orleans.Transfer.Grains.Jobs;

/// <summary>
/// A job's secrets at rest. The webhook secret: <see cref="JobPersistence"/> encrypts a plain-text secret into
/// <see cref="TransferJobState.ProtectedWebhookSecret"/> before every write; the plain text is recovered only to sign a
/// delivery. The HTTP secrets (credentials' passwords, custom headers, the client certificate) are encrypted as they
/// are set, so the state holds only their ciphertext even in memory; the plain text is recovered only to build a run's
/// <see cref="HttpTransferOptions"/>. Callers see "***" or names only (<see cref="JobProjector"/>); logs see nothing.
/// </summary>
internal sealed partial class JobSecrets(Guid jobId, Func<TransferJobState> job, ISecretProtector protector, ILogger logger)
{
    /// <summary>What callers see instead of a secret.</summary>
    public const string Mask = "***";

    // Header lines never hold CR or LF (HttpOptionsUpdate.Validate), so this joins them unambiguously.
    private const string HeaderSeparator = "\r\n";

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

    public string ProtectPassword(string password) => protector.Protect(password, SecretPurposes.HttpCredential);

    public string ProtectHeaders(IReadOnlyList<string> lines) =>
        protector.Protect(string.Join(HeaderSeparator, lines), SecretPurposes.HttpCustomHeaders);

    public string ProtectClientCertificate(ReadOnlyMemory<byte> pkcs12) =>
        protector.Protect(Convert.ToBase64String(pkcs12.Span), SecretPurposes.ClientCertificate);

    /// <summary>
    /// The job's HTTP options for one run with their secrets decrypted, or null options when the job has none. False
    /// with a fatal failure when a secret cannot be decrypted (its key is gone): the job must not run without it.
    /// </summary>
    public bool TryGetHttpOptions(IReadOnlySet<string> serverAuthorities, out HttpTransferOptions? options, out TransferFailure? failure)
    {
        options = null;
        failure = null;
        if (Job.Http is not { } http)
        {
            return true;
        }

        var credentials = new List<JobCredential>(http.Credentials.Count);
        foreach (var credential in http.Credentials)
        {
            if (!TryUnprotect(credential.ProtectedPassword, SecretPurposes.HttpCredential, out var password))
            {
                failure = Unreadable($"the password of the {Describe(credential.Target, credential.Scheme)} credential", TransferErrorCode.AuthenticationRequired, "set the credentials again");
                return false;
            }

            credentials.Add(new JobCredential(credential.Target, credential.Scheme, credential.UserName, password));
        }

        var headers = "";
        if (http.ProtectedHeaders is { } protectedHeaders && !TryUnprotect(protectedHeaders, SecretPurposes.HttpCustomHeaders, out headers))
        {
            failure = Unreadable("the custom headers", TransferErrorCode.AuthenticationRequired, "set the custom headers again");
            return false;
        }

        var certificate = "";
        if (http.ProtectedClientCertificate is { } protectedCertificate && !TryUnprotect(protectedCertificate, SecretPurposes.ClientCertificate, out certificate))
        {
            failure = Unreadable("the client certificate", TransferErrorCode.ClientCertificateInvalid, "set the client certificate again");
            return false;
        }

        options = new HttpTransferOptions
        {
            Credentials = credentials,
            Headers = [.. headers.Split(HeaderSeparator, StringSplitOptions.RemoveEmptyEntries).Select(ToHeader)],
            Proxy = http.Proxy,
            Redirects = http.Redirects,
            IgnoreCertificateErrors = http.IgnoreCertificateErrors,
            CheckRevocation = http.CheckRevocation,
            DynamicContent = http.DynamicContent,
            Segments = http.Segments,
            ClientCertificate = certificate.Length > 0 ? Convert.FromBase64String(certificate) : (ReadOnlyMemory<byte>?)null,
            ServerAuthorities = serverAuthorities,
        };
        return true;
    }

    /// <summary>"server basic", as messages and logs name a credential.</summary>
    public static string Describe(AuthTarget target, AuthScheme scheme) =>
        $"{target.ToString().ToLowerInvariant()} {scheme.ToString().ToLowerInvariant()}";

    private bool TryUnprotect(string ciphertext, string purpose, out string plaintext)
    {
        try
        {
            plaintext = protector.Unprotect(ciphertext, purpose);
            return true;
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            LogHttpSecretUnreadable(logger, jobId, purpose, e.Message);
            plaintext = "";
            return false;
        }
    }

    private static TransferFailure Unreadable(string what, TransferErrorCode code, string remedy) => new(
        code,
        ErrorContext.QueueManager,
        $"{what} cannot be decrypted: its Data Protection key is not in Transfer:Security:KeyDirectory; {remedy}, then resume the job.",
        HttpStatus: null,
        IsTransient: false);

    private static KeyValuePair<string, string> ToHeader(string line)
    {
        HttpOptionsUpdate.TrySplitHeader(line, out var name, out var value);
        return KeyValuePair.Create(name, value);
    }
}
