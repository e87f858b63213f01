namespace Orleans.Transfer.Uploads;

/// <summary>
/// The password hashes of an upload server's password file (<c>user:hash</c> lines): PBKDF2-SHA256,
/// <c>$pbkdf2-sha256$&lt;iterations&gt;$&lt;salt, base64&gt;$&lt;hash, base64&gt;</c>. One implementation for the server
/// that checks them and <c>xfer upload-user</c> that writes them.
/// </summary>
public static class UploadPasswordHash
{
    /// <summary>The iterations of new hashes (OWASP's 2023 figure for PBKDF2-SHA256).</summary>
    public const int Iterations = 600_000;

    /// <summary>A new hash of <paramref name="password"/> with a random salt.</summary>
    public static string Hash(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var salt = System.Security.Cryptography.RandomNumberGenerator.GetBytes(16);
        var hash = Derive(password, salt, Iterations);
        return $"$pbkdf2-sha256${Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    /// <summary>Whether <paramref name="password"/> matches <paramref name="encoded"/>; false for a malformed hash. Constant time in the hash.</summary>
    public static bool Verify(string password, string encoded)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentNullException.ThrowIfNull(encoded);
        var parts = encoded.Split('$');
        if (parts is not ["", "pbkdf2-sha256", var iterationsText, var saltText, var hashText]
            || !int.TryParse(iterationsText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var iterations)
            || iterations is < 1 or > 10_000_000)
        {
            return false;
        }

        try
        {
            var salt = Convert.FromBase64String(saltText);
            var expected = Convert.FromBase64String(hashText);
            return System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(Derive(password, salt, iterations), expected);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static byte[] Derive(string password, byte[] salt, int iterations) =>
        System.Security.Cryptography.Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, System.Security.Cryptography.HashAlgorithmName.SHA256, 32);
}
