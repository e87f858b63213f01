namespace Orleans.Transfer.Storage.Secrets;

/// <summary>
/// Encrypts secrets (webhook secrets, HTTP credentials) before they are stored, so the database, its WAL, backups and
/// logs hold only ciphertext. One instance per silo, backed by ASP.NET Core Data Protection with keys in
/// <see cref="TransferSecretsOptions.KeyDirectory"/>.
/// </summary>
public interface ISecretProtector
{
    /// <summary>The ciphertext of <paramref name="secret"/>, bound to <paramref name="purpose"/> (one of <see cref="SecretPurposes"/>).</summary>
    /// <param name="secret">The plain text.</param>
    /// <param name="purpose">What the secret is for; the same purpose must be given to <see cref="Unprotect"/>.</param>
    string Protect(string secret, string purpose);

    /// <summary>The plain text of a value <see cref="Protect"/> returned for the same purpose.</summary>
    /// <param name="protectedSecret">The ciphertext.</param>
    /// <param name="purpose">The purpose it was protected with.</param>
    /// <exception cref="System.Security.Cryptography.CryptographicException">
    /// The key it was protected with is not in the key directory (lost, or another cluster's), or the text was altered.
    /// </exception>
    string Unprotect(string protectedSecret, string purpose);
}
