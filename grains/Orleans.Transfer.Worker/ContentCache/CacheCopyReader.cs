using System.Buffers;

namespace Orleans.Transfer.Worker;

/// <summary>
/// A copier's view of a cached content: block after block, each waited for until the filler recorded it, read from the
/// store and checked against the recorded SHA-256 before any of its bytes are handed on. A block that does not match,
/// a fill that failed, or no new block for the stall timeout ends the copy with a
/// <see cref="ContentCacheMissException"/>: the rest comes from the origin.
/// </summary>
internal sealed class CacheCopyReader(
    ContentIdentity identity, ContentBlockStore store, IContentCacheCoordinator coordinator, TimeSpan stallTimeout, TimeProvider time)
    : ISourceReader, IDisposable
{
    // A long poll is cut into waits this long, so a wait never outlives the grain call's own timeout.
    private static readonly TimeSpan s_pollWait = TimeSpan.FromSeconds(5);

    private readonly byte[] _block = ArrayPool<byte>.Shared.Rent(ContentCacheOptions.BlockSize);
    private int _index = -1;
    private int _length;
    private int _consumed;

    /// <summary>Blocks whose bad bytes were caught (for the log).</summary>
    public int? BadBlock { get; private set; }

    public async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        if (_consumed == _length)
        {
            if (_index + 1 >= identity.Blocks)
            {
                return 0;
            }

            await NextBlockAsync(cancellationToken).ConfigureAwait(false);
        }

        var count = Math.Min(buffer.Length, _length - _consumed);
        _block.AsSpan(_consumed, count).CopyTo(buffer.Span);
        _consumed += count;
        return count;
    }

    public void Dispose() => ArrayPool<byte>.Shared.Return(_block);

    private async Task NextBlockAsync(CancellationToken cancellationToken)
    {
        var index = _index + 1;
        var waitingSince = time.GetTimestamp();
        ContentBlock block;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var left = stallTimeout - time.GetElapsedTime(waitingSince);
            if (left <= TimeSpan.Zero)
            {
                throw new ContentCacheMissException($"no block {index} from the filler within {stallTimeout.TotalSeconds:0.#} s");
            }

            block = await coordinator.WaitForBlockAsync(identity.Key, index, left < s_pollWait ? left : s_pollWait)
                .WaitAsync(cancellationToken).ConfigureAwait(false);
            if (block.Status == ContentBlockStatus.Failed)
            {
                throw new ContentCacheMissException($"the fill ended before block {index}");
            }

            if (block.Status == ContentBlockStatus.Ready)
            {
                break;
            }
        }

        var length = (int)Math.Min(ContentCacheOptions.BlockSize, identity.Length - ((long)index * ContentCacheOptions.BlockSize));
        if (!store.TryReadBlock(identity.Key, index, block.Sha256!, _block, length))
        {
            BadBlock = index;
            throw new ContentCacheMissException($"block {index} in the store is missing or does not match its SHA-256");
        }

        _index = index;
        _length = length;
        _consumed = 0;
    }
}
