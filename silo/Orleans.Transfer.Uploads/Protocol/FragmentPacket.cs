using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;
using Orleans.Transfer.Uploads.Files;
using Orleans.Transfer.Uploads.Sessions;

namespace Orleans.Transfer.Uploads.Protocol;

/// <summary>
/// Fragment (digest §2.3, §6). Bytes are written at their offset and flushed before the Ack reports them. A fragment
/// starting past the next expected byte gets 416 with that byte; one overlapping what is held writes only its new
/// tail and gets 200 (the win32 rule; MC-BUP's 416 would make a client that resends an interrupted fragment loop
/// once more for nothing), so held bytes are never overwritten. The file's size is fixed by the first fragment.
/// Writes happen under the session's write lease (<see cref="SessionLease"/>): a copy of the fragment reaching another
/// process at the same time waits, then finds its bytes held and gets 200 without writing.
/// </summary>
internal sealed partial class FragmentPacket(
    SessionAccess sessions,
    UploadFileStore files,
    UploadCommitter committer,
    UploadClock clock,
    TransferInstruments instruments,
    ILogger<FragmentPacket> logger)
{
    /// <summary>The Ack, or null when the client went away in the middle of the body (nothing to answer).</summary>
    public async Task<BitsAck?> HandleAsync(BitsPacket packet, long contentLength)
    {
        var options = packet.Directory.Options;
        if (contentLength > options.MaxFragmentBytes)
        {
            return BitsAck.Fail(StatusCodes.Status413PayloadTooLarge, BitsErrors.TooLarge, "the fragment is larger than the directory's MaxFragmentBytes");
        }

        if (!ContentRange.TryParse(packet.Request.Headers.ContentRange.ToString(), out var range))
        {
            return BitsAck.BadRequest("Content-Range is missing or not 'bytes first-last/total'");
        }

        if (range.Length != contentLength)
        {
            return BitsAck.BadRequest("Content-Length is not the length of the Content-Range");
        }

        var (session, refusal) = await sessions.FindAsync(packet).ConfigureAwait(false);
        if (session is null)
        {
            return refusal;
        }

        var (lease, answer) = await sessions.AcquireAsync(packet, session, s => AnswerWithoutWriting(packet, s, range)).ConfigureAwait(false);
        if (lease is null)
        {
            return answer;
        }

        await using (lease.ConfigureAwait(false))
        {
            return await WriteAsync(packet, lease, range).ConfigureAwait(false);
        }
    }

    /// <summary>The Ack when the fragment has nothing to write: a refusal, a gap, a finished session, or bytes already held.</summary>
    private static BitsAck? AnswerWithoutWriting(BitsPacket packet, UploadSession session, ContentRange range)
    {
        if (session.TotalBytes is { } total && total != range.Total)
        {
            return BitsAck.BadRequest("the total length changed between fragments");
        }

        if (session.TotalBytes is null && packet.Directory.Options.MaxFileBytes is { } max && range.Total > max)
        {
            return BitsAck.Fail(StatusCodes.Status500InternalServerError, BitsErrors.TooLarge, "the file is larger than the directory's MaxFileBytes");
        }

        if (session.Phase != UploadSessionPhase.Receiving)
        {
            return UploadCommitter.Completed(packet, session);
        }

        var next = session.ReceivedBytes;
        if (range.First > next)
        {
            return BitsAck.Status416(next).With(BitsHeaders.SessionId, session.Id);
        }

        // Held already, and not the whole file (whose commit, or a failed notification's retry, is still to come).
        return range.Last < next && next < range.Total ? Ok(session) : null;
    }

    private async Task<BitsAck?> WriteAsync(BitsPacket packet, SessionLease lease, ContentRange range)
    {
        var session = lease.Session;
        var next = session.ReceivedBytes;
        if (range.Last >= next)
        {
            var count = range.Last - next + 1;
            bool written, lost;
            using var writing = CancellationTokenSource.CreateLinkedTokenSource(packet.Aborted, lease.Valid);
            try
            {
                (written, lost) = await files.WriteAsync(
                    packet.Directory, session.RelativePath, session.Id, next, packet.Request.Body, next - range.First, count, writing.Token)
                    .ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (lease.Valid.IsCancellationRequested && !packet.Aborted.IsCancellationRequested)
            {
                return LeaseLost(session.Id);
            }

            if (lost)
            {
                LogPartialLost(logger, session.Id, next);
                await files.DeleteSessionFilesAsync(packet.Directory, session.RelativePath, session.Id, CancellationToken.None).ConfigureAwait(false);
                await lease.DeleteAsync().ConfigureAwait(false);
                return BitsAck.SessionNotFound("the partial file no longer holds the acknowledged bytes; the session was deleted");
            }

            if (!written)
            {
                return null;
            }

            instruments.UploadBytesReceived(count);
        }

        // The bytes are on disk whether or not the client is still there: recorded with no token, so a resend gets 200.
        var received = Math.Max(next, range.Last + 1);
        var updated = await lease.UpdateAsync(
            s => s with { TotalBytes = range.Total, ReceivedBytes = received, LastActivity = clock.Now },
            release: received != range.Total,
            CancellationToken.None).ConfigureAwait(false);
        if (updated is null)
        {
            // Another request holds the session now (this one ran past its lease), or it was deleted: then what this
            // request may have recreated goes too.
            if (await sessions.Store.FindAsync(session.Id, CancellationToken.None).ConfigureAwait(false) is null)
            {
                await files.DeleteSessionFilesAsync(packet.Directory, session.RelativePath, session.Id, CancellationToken.None).ConfigureAwait(false);
                return BitsAck.SessionNotFound("the session ended while the fragment was written");
            }

            return LeaseLost(session.Id);
        }

        LogFragmentAccepted(logger, session.Id, range.First, range.Last, updated.ReceivedBytes);
        return updated.ReceivedBytes == range.Total ? await committer.CommitAsync(packet, lease).ConfigureAwait(false) : Ok(updated);
    }

    private static BitsAck Ok(UploadSession session) => BitsAck.Ok()
        .With(BitsHeaders.SessionId, session.Id)
        .With(BitsHeaders.ReceivedContentRange, session.ReceivedBytes.ToString(CultureInfo.InvariantCulture));

    /// <summary>503: the client sends the fragment again, and the Ack then says what the server holds.</summary>
    private static BitsAck LeaseLost(string sessionId) =>
        BitsAck.Fail(StatusCodes.Status503ServiceUnavailable, BitsErrors.Busy, "the fragment took longer than the session's write lease")
            .With(BitsHeaders.SessionId, sessionId);
}
