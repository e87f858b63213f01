using System.Collections.Concurrent;

namespace Orleans.Transfer.Testing.FakeTransport;

/// <summary>The far side of the fake transport: files by URL, each able to drop the connection once at a byte.</summary>
public sealed class FakeRemote
{
    /// <summary>The URL scheme of fake remotes.</summary>
    public const string Scheme = "fake";

    private readonly ConcurrentDictionary<string, FakeFile> _files = new(StringComparer.Ordinal);

    public FakeFile Add(string url, int length, int seed)
    {
        var content = new byte[length];
        new Random(seed).NextBytes(content);
        var file = new FakeFile(content, $"\"v{seed}\"");
        _files[url] = file;
        return file;
    }

    public FakeFile? Find(Uri uri) => _files.GetValueOrDefault(uri.AbsoluteUri);
}
