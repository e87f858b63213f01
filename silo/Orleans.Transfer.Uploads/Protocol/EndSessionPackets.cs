using Microsoft.Extensions.Logging;
using Orleans.Transfer.Uploads.Files;
using Orleans.Transfer.Uploads.Sessions;

namespace Orleans.Transfer.Uploads.Protocol;

/// <summary>
/// Close-Session and Cancel-Session (digest §2.4–2.5). Close before the last byte deletes the partial file (a partial
/// upload is never kept); Close on a session that never got a fragment commits an empty file (digest §11); Close
/// after the commit frees the session and its reply. Cancel deletes the partial and reply files and leaves a
/// committed file alone. Both take the session's write lease first, so a fragment being written by another process
/// finishes before its files go.
/// </summary>
internal sealed partial class EndSessionPackets(
    SessionAccess sessions, UploadFileStore files, UploadCommitter committer, ILogger<EndSessionPackets> logger)
{
    public async Task<BitsAck> CloseAsync(BitsPacket packet)
    {
        var (lease, refusal) = await LeaseAsync(packet).ConfigureAwait(false);
        if (lease is null)
        {
            return refusal!;
        }

        await using (lease.ConfigureAwait(false))
        {
            var session = lease.Session;
            if (session is { Phase: UploadSessionPhase.Receiving, TotalBytes: null })
            {
                var committed = await committer.CommitAsync(packet, lease).ConfigureAwait(false);
                if (committed.Error is not null)
                {
                    return committed;
                }
            }

            await EndAsync(packet.Directory, lease).ConfigureAwait(false);
            LogClosed(logger, session.Id, session.Phase);
            return BitsAck.Ok().With(BitsHeaders.SessionId, session.Id);
        }
    }

    public async Task<BitsAck> CancelAsync(BitsPacket packet)
    {
        var (lease, refusal) = await LeaseAsync(packet).ConfigureAwait(false);
        if (lease is null)
        {
            return refusal!;
        }

        await using (lease.ConfigureAwait(false))
        {
            await EndAsync(packet.Directory, lease).ConfigureAwait(false);
            LogCancelled(logger, lease.Session.Id, lease.Session.Phase);
            return BitsAck.Ok().With(BitsHeaders.SessionId, lease.Session.Id);
        }
    }

    private async Task<(SessionLease? Lease, BitsAck? Refusal)> LeaseAsync(BitsPacket packet)
    {
        var (session, refusal) = await sessions.FindAsync(packet).ConfigureAwait(false);
        return session is null ? (null, refusal) : await sessions.AcquireAsync(packet, session, _ => null).ConfigureAwait(false);
    }

    private async Task EndAsync(UploadDirectory directory, SessionLease lease)
    {
        var session = lease.Session;
        // Not the request's token: a client that goes away now must not leave half of the cleanup undone. A file that
        // is no longer the service's (replaced at the name) is left alone; the session ends all the same.
        if (await files.DeleteSessionFilesAsync(directory, session.RelativePath, session.Id, CancellationToken.None).ConfigureAwait(false) is { } error)
        {
            LogCleanupFailed(logger, session.Id, error.Message);
        }

        await lease.DeleteAsync().ConfigureAwait(false);
    }
}
