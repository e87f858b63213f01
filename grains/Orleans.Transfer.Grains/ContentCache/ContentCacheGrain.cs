using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Transfer.Worker;

namespace Orleans.Transfer.Grains.ContentCache;

/// <summary>
/// Coordinates the runs that want one content: the first (or the next, after a filler failed, left, or recorded no
/// block for <see cref="ContentCacheOptions.StallTimeout"/>) fills, the others wait for blocks. Reentrant so that a
/// waiting copier does not hold up the filler's reports; nothing here awaits anything but those waits.
/// </summary>
[Reentrant]
internal sealed class ContentCacheGrain(TimeProvider time, IOptions<ContentCacheOptions> options) : Grain, IContentCacheGrain
{
    private readonly HashSet<Guid> _participants = [];
    private byte[]?[] _hashes = [];
    private Guid? _filler;
    private long _lastFilled;
    private bool _complete;
    private bool _failed;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<bool> JoinAsync(int blocks, Guid participant)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(blocks);
        _participants.Add(participant);
        if (_hashes.Length != blocks)
        {
            // Only a fresh activation: the key includes the length.
            _hashes = new byte[]?[blocks];
            _complete = false;
            _filler = null;
        }

        if (_complete)
        {
            return Task.FromResult(false);
        }

        var stalled = _filler is not null && time.GetElapsedTime(_lastFilled) > options.Value.StallTimeout;
        if (_filler is not null && !_failed && !stalled)
        {
            return Task.FromResult(false);
        }

        // A new filler starts the store's files from nothing, so what the last one recorded goes too.
        _filler = participant;
        _failed = false;
        _lastFilled = time.GetTimestamp();
        Array.Clear(_hashes);
        Signal();
        return Task.FromResult(true);
    }

    public Task BlockFilledAsync(Guid participant, int index, byte[] sha256)
    {
        ArgumentNullException.ThrowIfNull(sha256);
        if (participant == _filler && (uint)index < (uint)_hashes.Length && sha256.Length == 32)
        {
            _hashes[index] = sha256;
            _lastFilled = time.GetTimestamp();
            Signal();
        }

        return Task.CompletedTask;
    }

    public Task FillEndedAsync(Guid participant, bool complete)
    {
        if (participant == _filler)
        {
            _complete = complete && _hashes.All(h => h is not null);
            _failed = !_complete;
            _filler = null;
            Signal();
        }

        return Task.CompletedTask;
    }

    public async Task<CachedBlock> WaitForBlockAsync(int index, TimeSpan wait)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)_hashes.Length, nameof(index));
        var since = time.GetTimestamp();
        while (true)
        {
            if (_hashes[index] is { } sha256)
            {
                return new CachedBlock(sha256, Failed: false);
            }

            if (_failed || (_filler is null && !_complete))
            {
                return new CachedBlock(null, Failed: true);
            }

            var left = wait - time.GetElapsedTime(since);
            if (left <= TimeSpan.Zero)
            {
                return new CachedBlock(null, Failed: false);
            }

            try
            {
                await _changed.Task.WaitAsync(left, time);
            }
            catch (TimeoutException)
            {
                // Looked at again above, then answered as pending.
            }
        }
    }

    public Task BlockBadAsync(int index)
    {
        if ((uint)index < (uint)_hashes.Length && _hashes[index] is not null)
        {
            // Copiers waiting for later blocks go to the origin; the next Join fills the store from nothing.
            _complete = false;
            _failed = true;
            _filler = null;
            Signal();
        }

        return Task.CompletedTask;
    }

    public Task LeaveAsync(Guid participant)
    {
        _participants.Remove(participant);
        if (participant == _filler)
        {
            _failed = true;
            _filler = null;
            Signal();
        }

        return Task.CompletedTask;
    }

    public Task<bool> TryEvictAsync()
    {
        if (_participants.Count > 0)
        {
            return Task.FromResult(false);
        }

        _hashes = [];
        _complete = false;
        _failed = false;
        _filler = null;
        DeactivateOnIdle();
        return Task.FromResult(true);
    }

    private void Signal()
    {
        var changed = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        changed.TrySetResult();
    }
}
