using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Orleans.Transfer.Dashboard.Options;
using Orleans.Transfer.LocalApi;

namespace Orleans.Transfer.Dashboard.Sessions;

/// <summary>
/// Login tokens and sessions, in memory (a restart logs everyone out: run <c>xfer dashboard</c> again). Only hashes of
/// tokens and session ids are kept, so a memory dump or a log of the keys gives no way in. A login token works once.
/// </summary>
internal sealed class DashboardSessions(IOptions<DashboardOptions> options, TimeProvider time)
{
    // Local users mint tokens; this keeps a loop of `xfer dashboard` from growing memory without bound.
    private const int MaxOutstanding = 10_000;

    private readonly ConcurrentDictionary<string, (CallerInfo Caller, DateTimeOffset ExpiresAt)> _logins = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DashboardSession> _sessions = new(StringComparer.Ordinal);

    /// <summary>A new single-use login token for <paramref name="caller"/> and when it expires.</summary>
    /// <exception cref="TransferJobException">TooManyJobs when too many logins are outstanding.</exception>
    public (string Token, DateTimeOffset ExpiresAt) MintLogin(CallerInfo caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var now = time.GetUtcNow();
        Sweep(now);
        if (_logins.Count + _sessions.Count >= MaxOutstanding)
        {
            throw new TransferJobException(
                TransferErrorCode.TooManyJobs,
                $"{MaxOutstanding} dashboard logins and sessions are outstanding; wait for unused ones to expire.",
                null);
        }

        var token = NewSecret();
        var expiresAt = now + options.Value.LoginTokenLifetime;
        _logins[Hash(token)] = (caller, expiresAt);
        return (token, expiresAt);
    }

    /// <summary>Exchanges a login token for a new session (and its id), once; null for an unknown, used or expired token.</summary>
    public (string SessionId, DashboardSession Session)? Redeem(string? token)
    {
        if (string.IsNullOrEmpty(token) || !_logins.TryRemove(Hash(token), out var login))
        {
            return null;
        }

        var now = time.GetUtcNow();
        if (login.ExpiresAt <= now)
        {
            return null;
        }

        var sessionId = NewSecret();
        var session = new DashboardSession(login.Caller, NewSecret(), now + options.Value.SessionLifetime);
        _sessions[Hash(sessionId)] = session;
        return (sessionId, session);
    }

    /// <summary>The live session with this id, or null.</summary>
    public DashboardSession? Find(string? sessionId)
    {
        if (string.IsNullOrEmpty(sessionId) || !_sessions.TryGetValue(Hash(sessionId), out var session))
        {
            return null;
        }

        return session.ExpiresAt > time.GetUtcNow() ? session : null;
    }

    /// <summary>Ends a session (logout).</summary>
    public void End(string? sessionId)
    {
        if (!string.IsNullOrEmpty(sessionId))
        {
            _sessions.TryRemove(Hash(sessionId), out _);
        }
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (key, login) in _logins)
        {
            if (login.ExpiresAt <= now)
            {
                _logins.TryRemove(key, out _);
            }
        }

        foreach (var (key, session) in _sessions)
        {
            if (session.ExpiresAt <= now)
            {
                _sessions.TryRemove(key, out _);
            }
        }
    }

    private static string NewSecret() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    private static string Hash(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
