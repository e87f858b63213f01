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

    /// <summary>A job's custom HTTP headers, as one block of <c>Name: value</c> lines (BITS stores them encrypted, B68).</summary>
    public const string HttpCustomHeaders = "Orleans.Transfer.HttpCustomHeaders.v1";

    /// <summary>A job's client certificate with its private key, as base64 PKCS#12.</summary>
    public const string ClientCertificate = "Orleans.Transfer.ClientCertificate.v1";
}
