using System.Buffers;

namespace Orleans.Transfer.Worker;

/// <summary>
/// The filler's view of the origin's body: every byte read goes to the job's own file (through the session) and into
/// the block being filled; each whole block is stored and its SHA-256 recorded, so copiers can take it at once.
/// </summary>
internal sealed class CacheFillReader(
    Stream body, ContentIdentity identity, ContentBlockStore store, IContentCacheCoordinator coordinator, Guid participant) : ISourceReader, IDisposable
{
    private readonly byte[] _block = ArrayPool<byte>.Shared.Rent(ContentCacheOptions.BlockSize);
    private readonly List<byte[]> _hashes = [];
    private int _filled;
    private long _offset;

    /// <summary>The SHA-256 of every block, once the whole content went through.</summary>
    public IReadOnlyList<byte[]> Hashes => _hashes;

    public async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var room = (int)Math.Min(buffer.Length, Math.Min(ContentCacheOptions.BlockSize - _filled, identity.Length - _offset));
        if (room == 0)
        {
            return 0;
        }

        int read;
        try
        {
            read = await body.ReadAsync(buffer[..room], cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            throw new ContentCacheMissException($"the origin's response broke off after {_offset} bytes", ex);
        }

        if (read == 0)
        {
            throw new ContentCacheMissException($"the origin's response ended after {_offset} of {identity.Length} bytes");
        }

        buffer.Span[..read].CopyTo(_block.AsSpan(_filled));
        _filled += read;
        _offset += read;
        if (_filled == ContentCacheOptions.BlockSize || _offset == identity.Length)
        {
            var index = _hashes.Count;
            var sha256 = store.WriteBlock(identity.Key, index, _block.AsSpan(0, _filled));
            _hashes.Add(sha256);
            _filled = 0;
            await coordinator.BlockFilledAsync(identity.Key, participant, index, sha256).ConfigureAwait(false);
        }

        return read;
    }

    public void Dispose() => ArrayPool<byte>.Shared.Return(_block);
}
