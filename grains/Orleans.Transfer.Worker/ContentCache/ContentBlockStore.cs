using System.Globalization;
using System.Security.Cryptography;

namespace Orleans.Transfer.Worker;

/// <summary>
/// The cache's files under <see cref="ContentCacheOptions.Directory"/>: one directory per content key holding a file
/// per 1 MiB block, written under a temporary name and renamed, and a <c>manifest</c> (one SHA-256 per block, hex)
/// once the content is whole; the manifest's last-write time is the content's last use. Only the service reads or
/// writes it; every block is verified against the SHA-256 the filler recorded before its bytes go anywhere.
/// Thread-safe (no state but the root).
/// </summary>
internal sealed class ContentBlockStore(string root, TimeProvider time)
{
    private const string ManifestName = "manifest";

    public string Root { get; } = root;

    /// <summary>Creates the root, private to the service account.</summary>
    public void EnsureRoot()
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(Root);
        }
        else
        {
            Directory.CreateDirectory(Root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>Starts a fill of <paramref name="key"/> from nothing: whatever an earlier filler left goes.</summary>
    public void BeginFill(string key)
    {
        EnsureRoot();
        var directory = DirectoryOf(key);
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        Directory.CreateDirectory(directory);
    }

    /// <summary>Writes block <paramref name="index"/> and returns its SHA-256.</summary>
    public byte[] WriteBlock(string key, int index, ReadOnlySpan<byte> data)
    {
        var path = BlockPath(key, index);
        var temporary = path + ".tmp";
        using (var handle = File.OpenHandle(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            RandomAccess.Write(handle, data, 0);
        }

        File.Move(temporary, path, overwrite: true);
        return SHA256.HashData(data);
    }

    /// <summary>Records the whole content's block hashes: a later job may copy it without a filler.</summary>
    public void WriteManifest(string key, IReadOnlyList<byte[]> hashes)
    {
        var path = Path.Combine(DirectoryOf(key), ManifestName);
        File.WriteAllLines(path + ".tmp", hashes.Select(Convert.ToHexStringLower));
        File.Move(path + ".tmp", path, overwrite: true);
    }

    /// <summary>The block hashes of a whole content in the store, or null; marks it used now.</summary>
    public IReadOnlyList<byte[]>? ReadManifest(string key, int blocks)
    {
        var path = Path.Combine(DirectoryOf(key), ManifestName);
        try
        {
            var lines = File.ReadAllLines(path);
            if (lines.Length != blocks)
            {
                return null;
            }

            Touch(key);
            return [.. lines.Select(Convert.FromHexString)];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// Reads block <paramref name="index"/> of <paramref name="length"/> bytes into <paramref name="buffer"/> and
    /// checks it against <paramref name="sha256"/>: false when it is missing, short or different (a miss, never bad bytes).
    /// </summary>
    public bool TryReadBlock(string key, int index, byte[] sha256, Span<byte> buffer, int length)
    {
        try
        {
            using var handle = File.OpenHandle(BlockPath(key, index), FileMode.Open, FileAccess.Read, FileShare.Read);
            if (RandomAccess.GetLength(handle) != length)
            {
                return false;
            }

            var read = 0;
            while (read < length)
            {
                var n = RandomAccess.Read(handle, buffer[read..length], read);
                if (n == 0)
                {
                    return false;
                }

                read += n;
            }

            return CryptographicOperations.FixedTimeEquals(SHA256.HashData(buffer[..length]), sha256);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Marks a whole content used now (its manifest's last-write time); nothing while it is being filled.</summary>
    public void Touch(string key)
    {
        try
        {
            File.SetLastWriteTimeUtc(Path.Combine(DirectoryOf(key), ManifestName), time.GetUtcNow().UtcDateTime);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // No manifest yet: the content is being filled, and counts as used when it is whole.
        }
    }

    /// <summary>Every whole content in the store: its key, bytes and last use.</summary>
    public IReadOnlyList<(string Key, long Bytes, DateTime LastUsed)> Contents()
    {
        if (!Directory.Exists(Root))
        {
            return [];
        }

        var contents = new List<(string, long, DateTime)>();
        foreach (var directory in new DirectoryInfo(Root).EnumerateDirectories())
        {
            var manifest = new FileInfo(Path.Combine(directory.FullName, ManifestName));
            if (!manifest.Exists)
            {
                continue;
            }

            var bytes = directory.EnumerateFiles().Sum(f => f.Length);
            contents.Add((directory.Name, bytes, manifest.LastWriteTimeUtc));
        }

        return contents;
    }

    /// <summary>Forgets that a content is whole (a block of it went bad): the next filler fetches it again.</summary>
    public void DeleteManifest(string key) => File.Delete(Path.Combine(DirectoryOf(key), ManifestName));

    /// <summary>Deletes a content's files.</summary>
    public void Delete(string key)
    {
        var directory = DirectoryOf(key);
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    public string DirectoryOf(string key) => Path.Combine(Root, key);

    private string BlockPath(string key, int index) =>
        Path.Combine(DirectoryOf(key), index.ToString("D6", CultureInfo.InvariantCulture) + ".blk");
}
