namespace Orleans.Transfer.Storage.Secrets;

/// <summary>
/// Purposes for <see cref="ISecretProtector"/>: a ciphertext made for one cannot be read as another. Persisted in
/// effect (every stored ciphertext depends on its purpose), so never change a value; add a new one instead.
/// </summary>
public static class SecretPurposes
{
    /// <summary>A job's webhook signing secret (<c>NotificationSettings.WebhookSecret</c>).</summary>
    public const string WebhookSecret = "Orleans.Transfer.WebhookSecret.v1";

    /// <summary>Credentials a job uses to reach its HTTP source.</summary>
    public const string HttpCredential = "Orleans.Transfer.HttpCredential.v1";
}
