using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Orleans.Transfer.Uploads.Authentication;

/// <summary>
/// A virtual directory's password file (<c>user:hash</c> lines, <see cref="UploadPasswordHash"/>), read once at start.
/// A PBKDF2 check costs about a third of a second, and BITS sends credentials with every packet, so a verified
/// password is remembered as an HMAC under a key that lives only in this process: later packets cost one HMAC.
/// </summary>
internal sealed class BasicPasswordFile
{
    private static readonly Lazy<string> s_unknownUserHash = new(() => UploadPasswordHash.Hash(Guid.NewGuid().ToString("N")));

    private readonly Dictionary<string, string> _hashes;
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private readonly ConcurrentDictionary<string, byte[]> _verified = new(StringComparer.Ordinal);

    private BasicPasswordFile(Dictionary<string, string> hashes) => _hashes = hashes;

    /// <summary>Reads <paramref name="path"/>; throws <see cref="InvalidOperationException"/> naming the line that is wrong.</summary>
    public static BasicPasswordFile Load(string path)
    {
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            var text = line.Trim();
            if (text.Length == 0 || text.StartsWith('#'))
            {
                continue;
            }

            var colon = text.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || !text[(colon + 1)..].StartsWith("$pbkdf2-sha256$", StringComparison.Ordinal))
            {
                throw new InvalidOperationException(
                    $"Line {number} of the upload password file {path} is not 'user:$pbkdf2-sha256$...'; write it with 'xfer upload-user'.");
            }

            hashes[text[..colon]] = text[(colon + 1)..];
        }

        return new BasicPasswordFile(hashes);
    }

    public bool Verify(string user, string password)
    {
        if (!_hashes.TryGetValue(user, out var hash))
        {
            // As slow as a known user's wrong password, so that timing does not tell which user names exist.
            UploadPasswordHash.Verify(password, s_unknownUserHash.Value);
            return false;
        }

        var mac = HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(user + "\0" + password));
        if (_verified.TryGetValue(user, out var known) && CryptographicOperations.FixedTimeEquals(known, mac))
        {
            return true;
        }

        if (!UploadPasswordHash.Verify(password, hash))
        {
            return false;
        }

        _verified[user] = mac;
        return true;
    }
}
