using Microsoft.Extensions.Logging;
using Orleans.Transfer.Uploads.Sessions;

namespace Orleans.Transfer.Uploads.Protocol;

/// <summary>
/// One request's write lease on a session (<see cref="UploadSession.LeaseHolder"/>), taken by
/// <see cref="SessionAccess.AcquireAsync"/>: while it holds it, no other request of any process changes the session or
/// its files. Every change goes through here under the session's version, renewed every third of the lease in the
/// background. <see cref="Valid"/> trips when the lease may have passed to another request: a renewal lost to another
/// holder or to a deleted session, or two thirds of the lease gone without one (the last third covers clocks that differ
/// between processes and a pause between the check and a write). The holder then stops writing.
/// </summary>
internal sealed partial class SessionLease : IAsyncDisposable
{
    private readonly IUploadSessionStore _store;
    private readonly UploadClock _clock;
    private readonly TimeSpan _duration;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _valid;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewals;
    private UploadSession _session;
    private bool _ended;

    public SessionLease(IUploadSessionStore store, UploadClock clock, UploadSession claimed, DateTimeOffset claimedAt, TimeSpan duration, ILogger logger)
    {
        _store = store;
        _clock = clock;
        _duration = duration;
        _logger = logger;
        _session = claimed;
        _valid = new CancellationTokenSource(SafeUntil(claimedAt), clock.Time);
        _renewals = RenewAsync();
    }

    /// <summary>The session as this request last stored it.</summary>
    public UploadSession Session => _session;

    /// <summary>Cancelled once the lease may no longer be this request's: stop writing.</summary>
    public CancellationToken Valid => _valid.Token;

    /// <summary>
    /// Stores <paramref name="change"/> of the session, renewing the lease, or ending it with <paramref name="release"/>;
    /// null when the lease is lost (another request took it after it ran out, or the session was deleted).
    /// </summary>
    public async Task<UploadSession?> UpdateAsync(Func<UploadSession, UploadSession> change, bool release, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_ended)
            {
                return null;
            }

            var now = _clock.Now;
            var updated = change(_session) with
            {
                LeaseHolder = release ? null : _session.LeaseHolder,
                LeaseExpires = release ? null : now + _duration,
                Version = _session.Version + 1,
            };

            // Nothing else changes the session while the lease holds, so a refused version means it did not hold.
            if (!await _store.TryUpdateAsync(updated, cancellationToken).ConfigureAwait(false))
            {
                _ended = true;
                await _valid.CancelAsync().ConfigureAwait(false);
                LogLeaseLost(_logger, _session.Id);
                return null;
            }

            _session = updated;
            _ended = release;
            if (!release)
            {
                _valid.CancelAfter(SafeUntil(now));
            }

            return updated;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Deletes the session (Close, Cancel, a lost partial file); the lease ends with it.</summary>
    public async Task DeleteAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            await _store.DeleteAsync(_session.Id, CancellationToken.None).ConfigureAwait(false);
            _ended = true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Stops the renewals and frees the lease if nothing did (a failure path), so a waiting packet goes on at once.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _renewals.ConfigureAwait(false);
        if (!_ended)
        {
            try
            {
                await UpdateAsync(s => s, release: true, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // It runs out by itself after the lease's duration.
                LogNotReleased(_logger, e, _session.Id);
            }
        }

        _stop.Dispose();
        _valid.Dispose();
        _gate.Dispose();
    }

    private TimeSpan SafeUntil(DateTimeOffset renewedAt)
    {
        var left = renewedAt + (_duration * 2 / 3) - _clock.Now;
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    private async Task RenewAsync()
    {
        using var timer = new PeriodicTimer(_duration / 3, _clock.Time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                try
                {
                    // Not the stop token: a store call cut short might still land, and the holder would lose track of the version.
                    if (await UpdateAsync(s => s, release: false, CancellationToken.None).ConfigureAwait(false) is null)
                    {
                        return;
                    }
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // The store did not answer: the next tick tries again, and Valid trips if none gets through in time.
                    LogRenewFailed(_logger, e, _session.Id);
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Disposed: the holder is done.
        }
    }
}
