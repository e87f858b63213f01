using Microsoft.Win32.SafeHandles;

namespace Orleans.Transfer.TestOrigin;

/// <summary>One version of a file's bytes, with the validators the origin sends for it.</summary>
internal sealed class OriginContent(long length, Action<long, Span<byte>> fill, string etag, DateTimeOffset lastModified)
{
    public long Length { get; } = length;

    /// <summary>A strong ETag, quoted.</summary>
    public string ETag { get; } = etag;

    public DateTimeOffset LastModified { get; } = lastModified;

    public void Fill(long offset, Span<byte> destination) => fill(offset, destination);

    public static Action<long, Span<byte>> FromBytes(byte[] content) =>
        (offset, span) => content.AsSpan((int)offset, span.Length).CopyTo(span);

    public static Action<long, Span<byte>> FromSeed(int seed) => (offset, span) => GeneratedContent.Fill(seed, offset, span);

    // The handle lives as long as the origin process: root files are served until it is killed.
    public static Action<long, Span<byte>> FromFile(SafeFileHandle handle) => (offset, span) =>
    {
        var done = 0;
        while (done < span.Length)
        {
            var read = RandomAccess.Read(handle, span[done..], offset + done);
            if (read == 0)
            {
                throw new IOException("The served file became shorter.");
            }

            done += read;
        }
    };
}
