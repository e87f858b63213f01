using Orleans.Transfer.Uploads.Sessions;

namespace Orleans.Transfer.Uploads.Protocol;

/// <summary>
/// Finds a packet's session and changes it under optimistic concurrency. A session is only found from its own URL
/// and by its own user: anything else answers BG_E_SESSION_NOT_FOUND, exactly as an unknown id does (digest §11).
/// </summary>
internal sealed class SessionAccess(IUploadSessionStore store)
{
    private const int MaxAttempts = 16;

    public IUploadSessionStore Store => store;

    public async Task<(UploadSession? Session, BitsAck? Refusal)> FindAsync(BitsPacket packet)
    {
        if (string.IsNullOrEmpty(packet.SessionId))
        {
            return (null, BitsAck.BadRequest("the packet has no BITS-Session-Id"));
        }

        var session = await store.FindAsync(packet.SessionId, packet.Aborted).ConfigureAwait(false);
        if (session is null
            || !string.Equals(session.Directory, packet.Directory.Path, StringComparison.Ordinal)
            || !string.Equals(session.RelativePath, packet.RelativePath, StringComparison.Ordinal)
            || !string.Equals(session.User, packet.User, StringComparison.Ordinal))
        {
            return (null, BitsAck.SessionNotFound("no such session on this URL for this user"));
        }

        return (session, null);
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the stored session and saves it; on a conflict reloads and applies it
    /// again. Null when the session is gone (closed, cancelled or expired meanwhile).
    /// </summary>
    public async Task<UploadSession?> UpdateAsync(UploadSession session, Func<UploadSession, UploadSession> change, CancellationToken cancellationToken)
    {
        var current = session;
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var updated = change(current) with { Version = current.Version + 1 };
            if (await store.TryUpdateAsync(updated, cancellationToken).ConfigureAwait(false))
            {
                return updated;
            }

            current = await store.FindAsync(session.Id, cancellationToken).ConfigureAwait(false);
            if (current is null)
            {
                return null;
            }
        }

        throw new InvalidOperationException($"The upload session {session.Id} kept changing under {MaxAttempts} attempts to update it.");
    }
}
