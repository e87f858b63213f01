using Orleans.Transfer.Uploads.Sessions;

namespace Orleans.Transfer.Uploads.Tests;

/// <summary>A session store in memory with the same contract as the real ones: version checks and the session limit.</summary>
internal sealed class InMemoryUploadSessionStore : IUploadSessionStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, UploadSession> _sessions = new(StringComparer.Ordinal);

    public IReadOnlyList<UploadSession> All
    {
        get
        {
            lock (_lock)
            {
                return [.. _sessions.Values];
            }
        }
    }

    public Task<bool> TryCreateAsync(UploadSession session, int maxSessions, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_sessions.Count < maxSessions && _sessions.TryAdd(session.Id, session));
        }
    }

    /// <summary>Raised with what each <see cref="FindAsync"/> returns: a test sees a packet reading the session.</summary>
    public event Action<UploadSession?>? Found;

    public Task<UploadSession?> FindAsync(string id, CancellationToken cancellationToken)
    {
        UploadSession? session;
        lock (_lock)
        {
            session = _sessions.GetValueOrDefault(id);
        }

        Found?.Invoke(session);
        return Task.FromResult(session);
    }

    public Task<bool> TryUpdateAsync(UploadSession updated, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_sessions.TryGetValue(updated.Id, out var stored) || stored.Version != updated.Version - 1)
            {
                return Task.FromResult(false);
            }

            _sessions[updated.Id] = updated;
            return Task.FromResult(true);
        }
    }

    public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_sessions.Remove(id));
        }
    }

    public Task<IReadOnlyList<UploadSession>> ListIdleAsync(DateTimeOffset before, int max, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<UploadSession>>([.. _sessions.Values.Where(s => s.LastActivity < before).Take(max)]);
        }
    }
}
