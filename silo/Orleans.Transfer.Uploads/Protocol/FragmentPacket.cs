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

        if (session.TotalBytes is { } total && total != range.Total)
        {
            return BitsAck.BadRequest("the total length changed between fragments");
        }

        if (session.TotalBytes is null && options.MaxFileBytes is { } max && range.Total > max)
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

        if (range.Last >= next)
        {
            var count = range.Last - next + 1;
            var (written, lost) = await files.WriteAsync(
                packet.Directory, session.RelativePath, session.Id, next, packet.Request.Body, next - range.First, count, packet.Aborted)
                .ConfigureAwait(false);
            if (lost)
            {
                LogPartialLost(logger, session.Id, next);
                await files.DeleteSessionFilesAsync(packet.Directory, session.RelativePath, session.Id, CancellationToken.None).ConfigureAwait(false);
                await sessions.Store.DeleteAsync(session.Id, CancellationToken.None).ConfigureAwait(false);
                return BitsAck.SessionNotFound("the partial file no longer holds the acknowledged bytes; the session was deleted");
            }

            if (!written)
            {
                return null;
            }

            instruments.UploadBytesReceived(count);
        }

        var updated = await sessions.UpdateAsync(
            session,
            s => s with { TotalBytes = range.Total, ReceivedBytes = Math.Max(s.ReceivedBytes, range.Last + 1), LastActivity = clock.Now },
            packet.Aborted).ConfigureAwait(false);
        if (updated is null)
        {
            return BitsAck.SessionNotFound("the session ended while the fragment was written");
        }

        if (updated.Phase != UploadSessionPhase.Receiving)
        {
            return UploadCommitter.Completed(packet, updated);
        }

        if (updated.ReceivedBytes == range.Total)
        {
            return await committer.CommitAsync(packet, updated).ConfigureAwait(false);
        }

        return BitsAck.Ok()
            .With(BitsHeaders.SessionId, updated.Id)
            .With(BitsHeaders.ReceivedContentRange, updated.ReceivedBytes.ToString(CultureInfo.InvariantCulture));
    }
}
