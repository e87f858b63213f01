using System.Net;

namespace Orleans.Transfer.Worker;

/// <summary>
/// Opens a segment of a segmented HTTP download: <c>Range: bytes=a-b</c> with <c>If-Range</c> and the strong ETag the
/// segments were planned with. A 200 (the validator changed), a 416, or a 206 whose Content-Range or size is not the
/// segment's means the remote file is not the one the segments belong to: the whole file restarts.
/// </summary>
internal sealed class HttpSegmentOpener(HttpSource source, TransferSession session) : ISegmentOpener
{
    /// <summary>
    /// Resumes a segmented download kept from an earlier attempt or run: the first incomplete segment's response
    /// checks the remote file (restarting the file from zero when it changed) and reports Connected, then every
    /// segment goes on, as many at once as <paramref name="slots"/> of the job's cap allow (all without a cap).
    /// </summary>
    public static async ValueTask ResumeAsync(
        TransferSession session, HttpSegmentOpener opener, ServerConnectionSlots? slots, CancellationToken cancellationToken)
    {
        var split = session.Parallel!;
        if (split.FirstIncomplete is not { } first)
        {
            // Every segment was durable before the interruption: nothing to fetch.
            session.EndParallel();
            return;
        }

        ISegmentBody lead;
        using (var stall = session.StartStallTimer(cancellationToken))
        {
            try
            {
                lead = await opener.OpenAsync(first, stall, cancellationToken).ConfigureAwait(false);
            }
            catch (SegmentRestartException restart)
            {
                session.Restart(restart.Reason);
                return;
            }
        }

        try
        {
            var current = session.Checkpoints.Current;
            await session.ConnectedAsync(current.ETag, current.LastModified, rangeUnsupported: false, note: null, cancellationToken)
                .ConfigureAwait(false);
        }
        catch
        {
            await lead.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        await new SegmentedCopier(session, split, opener, slots).RunAsync(lead, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<ISegmentBody> OpenAsync(SegmentProgress segment, StallTimer stall, CancellationToken cancellationToken)
    {
        var from = segment.Position;
        var to = segment.End - 1;
        var response = await source.SendRangeAsync(session, from, to, stall, cancellationToken).ConfigureAwait(false);
        try
        {
            Check(response, from, to);
            return new HttpSegmentBody(response, await response.Content.ReadAsStreamAsync(stall.Token).ConfigureAwait(false));
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private void Check(HttpResponseMessage response, long from, long to)
    {
        var size = session.Parallel?.Size;
        var known = session.Checkpoints.Current.ETag;
        switch (response.StatusCode)
        {
            case HttpStatusCode.OK:
                throw new SegmentRestartException("the remote file changed (a segment's If-Range request got the whole file)");
            case HttpStatusCode.RequestedRangeNotSatisfiable:
                throw new SegmentRestartException($"the remote file is no longer {size} bytes long (bytes {from}-{to} are not in it)");
            case HttpStatusCode.PartialContent:
                break;
            default:
                throw new TransferFailedException(TransferFailures.InvalidResponse(
                    source.DisplayName, $"HTTP {(int)response.StatusCode} is not a file download (expected 206 for bytes {from}-{to})."));
        }

        var range = response.Content.Headers.ContentRange;
        var etag = response.Headers.ETag is { IsWeak: false } tag ? tag.Tag : null;
        if (range is not { Unit: "bytes", From: { } sentFrom, To: { } sentTo, Length: { } length }
            || sentFrom != from || sentTo > to || sentTo < sentFrom || length != size || (etag is not null && etag != known))
        {
            throw new SegmentRestartException(
                $"a segment's response is not bytes {from}-{to} of the same {size}-byte file (Content-Range: {range}, ETag: {etag})");
        }

        if (response.Content.Headers.ContentEncoding.Any(e => !e.Equals("identity", StringComparison.OrdinalIgnoreCase)))
        {
            throw new TransferFailedException(TransferFailures.UnrequestedEncoding(
                source.DisplayName, string.Join(", ", response.Content.Headers.ContentEncoding)));
        }
    }
}
