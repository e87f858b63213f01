using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;
using Orleans.Transfer.Uploads.Files;
using Orleans.Transfer.Uploads.Replies;
using Orleans.Transfer.Uploads.Sessions;

namespace Orleans.Transfer.Uploads.Protocol;

/// <summary>
/// What happens at the last byte (digest §12: commit at the last fragment, free the session at Close-Session). A plain
/// upload is renamed from its partial file to its final name, atomically and without replacing an existing file unless
/// overwrites are allowed. With a notification the application is called first; the upload reaches its URL only when
/// the application asks (<c>BITS-Copy-File-To-Destination</c>), and the Ack carries the reply URL. When the
/// application fails the session stays complete-but-unnotified, so the client's retried final fragment notifies again.
/// It runs under the session's write lease, so one process commits, whichever others the packets reach.
/// </summary>
internal sealed partial class UploadCommitter(
    UploadFileStore files,
    ReplyNotifier notifier,
    UploadClock clock,
    TransferInstruments instruments,
    ILogger<UploadCommitter> logger)
{
    /// <summary>Commits <paramref name="lease"/>'s session; the lease stays held (the caller releases it).</summary>
    public async Task<BitsAck> CommitAsync(BitsPacket packet, SessionLease lease)
    {
        var session = lease.Session;
        var directory = packet.Directory;
        var options = directory.Options;
        var total = session.TotalBytes ?? 0;
        NotificationOutcome? outcome = null;
        if (options.NotificationType != BitsNotificationType.None)
        {
            outcome = await notifier.NotifyAsync(packet.Request, directory, session, packet.Aborted).ConfigureAwait(false);
            if (!outcome.Succeeded)
            {
                var status = outcome.FailedStatus!.Value;
                LogNotificationFailed(logger, session.Id, status, outcome.Reason);
                return BitsAck.Fail(status, BitsErrors.HttpErrorBase + (uint)status, outcome.Reason!, BitsErrors.ContextApplication)
                    .With(BitsHeaders.SessionId, session.Id)
                    .With(BitsHeaders.ReceivedContentRange, total.ToString(CultureInfo.InvariantCulture));
            }
        }

        if (outcome is null || outcome.CopyToDestination)
        {
            var refused = await MoveIntoPlaceAsync(packet, lease).ConfigureAwait(false);
            if (refused is not null)
            {
                return refused;
            }
        }

        var token = outcome is null ? null : ReplyUrls.NewToken();
        var committed = await lease.UpdateAsync(
            s => s with
            {
                TotalBytes = total,
                ReceivedBytes = total,
                Phase = outcome is null ? UploadSessionPhase.Committed : UploadSessionPhase.ReplyReady,
                ReplyToken = token,
                ReplyStaticUrl = outcome?.StaticUrl,
                LastActivity = clock.Now,
            },
            release: false,
            CancellationToken.None).ConfigureAwait(false);
        if (committed is null)
        {
            // The lease ran out during the commit and another request holds the session: the client's retry gets its Ack.
            return BitsAck.Fail(StatusCodes.Status503ServiceUnavailable, BitsErrors.Busy, "the commit took longer than the session's write lease")
                .With(BitsHeaders.SessionId, session.Id);
        }

        instruments.UploadSessionCommitted();
        LogCommitted(logger, session.Id, directory.Path, total);
        return Completed(packet, committed);
    }

    /// <summary>The Ack of any fragment once the session is committed: everything received, and the reply URL if any.</summary>
    public static BitsAck Completed(BitsPacket packet, UploadSession session)
    {
        var ack = BitsAck.Ok()
            .With(BitsHeaders.SessionId, session.Id)
            .With(BitsHeaders.ReceivedContentRange, (session.TotalBytes ?? 0).ToString(CultureInfo.InvariantCulture));
        if (session.Phase == UploadSessionPhase.ReplyReady)
        {
            ack.With(BitsHeaders.ReplyUrl, session.ReplyStaticUrl ?? ReplyUrls.Build(packet.Request, packet.Directory, session.Id, session.ReplyToken!));
        }

        return ack;
    }

    private async Task<BitsAck?> MoveIntoPlaceAsync(BitsPacket packet, SessionLease lease)
    {
        var session = lease.Session;
        var directory = packet.Directory;
        try
        {
            await files.CommitAsync(directory, session.RelativePath, session.Id, directory.Options.AllowOverwrite, packet.Aborted)
                .ConfigureAwait(false);
            return null;
        }
        catch (Exception ex) when (UploadFileStore.AckFor(ex) is { } ack)
        {
            // A retried last fragment after a commit whose store update was lost: the rename already happened.
            if (!UploadFileStore.PartialExists(directory, session.RelativePath, session.Id)
                && File.Exists(directory.DestinationOf(session.RelativePath)))
            {
                return null;
            }

            if (ack.Status == StatusCodes.Status409Conflict)
            {
                await files.DeleteSessionFilesAsync(directory, session.RelativePath, session.Id, CancellationToken.None).ConfigureAwait(false);
                await lease.DeleteAsync().ConfigureAwait(false);
            }

            return ack;
        }
    }
}
