using Microsoft.Extensions.Logging;

namespace Orleans.Transfer.Worker;

/// <summary>
/// The source of a download that may share content (see <see cref="SharingRules"/>): a HEAD gives the content's
/// identity; the first job for it becomes the filler (one GET, its bytes to its own file and to the store), the others
/// copy verified blocks as they arrive. Whatever the cache cannot serve (not shareable, a miss, a failed or stalled
/// filler) goes to the HTTP source from the bytes written, as if the cache were not there.
/// </summary>
internal sealed partial class CachedHttpSource(
    ITransferSource origin,
    HttpClient client,
    Uri url,
    ContentBlockStore store,
    IContentCacheCoordinator coordinator,
    ContentCacheOptions options,
    ContentCacheEvictor evictor,
    ILogger logger) : ITransferSource
{
    private bool _tried;

    public string DisplayName => origin.DisplayName;

    public async ValueTask TransferAsync(TransferSession session, CancellationToken cancellationToken)
    {
        // Once per run, from the first byte: a retry, a resume or a segmented download is the origin's.
        if (!_tried && session.Position == 0 && session.Parallel is null)
        {
            _tried = true;
            try
            {
                if (await TryFromCacheAsync(session, cancellationToken).ConfigureAwait(false))
                {
                    return;
                }
            }
            catch (Exception ex) when (IsMiss(ex, cancellationToken))
            {
                LogFellBack(logger, session.JobId, session.FileIndex, session.Position, ex.Message);
            }
        }

        await origin.TransferAsync(session, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Failures of the cache's own requests and files; the sink's and the job's own failures go on up.</summary>
    private static bool IsMiss(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        TransferFailedException or TransientNetworkException or SinkLostException => false,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => true,
    };

    private async Task<bool> TryFromCacheAsync(TransferSession session, CancellationToken cancellationToken)
    {
        ContentIdentity? identity;
        string? lastModified;
        string reason;
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            timeout.CancelAfter(options.StallTimeout);
            using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url), HttpCompletionOption.ResponseHeadersRead, timeout.Token)
                .ConfigureAwait(false);
            identity = ContentIdentity.Of(url, head, out lastModified, out reason);
        }

        if (identity is null)
        {
            LogFellBack(logger, session.JobId, session.FileIndex, 0, reason);
            return false;
        }

        var participant = Guid.NewGuid();
        var filler = await coordinator.JoinAsync(identity.Key, identity.Blocks, participant).ConfigureAwait(false);
        var filled = false;
        try
        {
            if (filler && store.ReadManifest(identity.Key, identity.Blocks) is { } hashes)
            {
                // The store already holds it whole (filled before this grain's activation): publish, then copy.
                for (var i = 0; i < hashes.Count; i++)
                {
                    await coordinator.BlockFilledAsync(identity.Key, participant, i, hashes[i]).ConfigureAwait(false);
                }

                await coordinator.FillEndedAsync(identity.Key, participant, complete: true).ConfigureAwait(false);
                filler = false;
            }

            if (filler)
            {
                filled = await FillAsync(session, identity, participant, cancellationToken).ConfigureAwait(false);
                return filled;
            }

            await CopyAsync(session, identity, lastModified, cancellationToken).ConfigureAwait(false);
            return true;
        }
        finally
        {
            await LeaveAsync(identity, participant, filler && !filled).ConfigureAwait(false);
            if (filled)
            {
                await evictor.TrimAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>One GET from the origin into the job's file and the store; false when its response may not be shared.</summary>
    private async Task<bool> FillAsync(TransferSession session, ContentIdentity identity, Guid participant, CancellationToken cancellationToken)
    {
        using var stall = session.StartStallTimer(cancellationToken);
        stall.Arm();
        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, url), HttpCompletionOption.ResponseHeadersRead, stall.Token)
            .ConfigureAwait(false);
        var got = ContentIdentity.Of(url, response, out var lastModified, out var reason);
        if (got is null || got.Key != identity.Key)
        {
            LogFellBack(logger, session.JobId, session.FileIndex, 0, got is null ? reason : "the content changed between the HEAD and the GET");
            return false;
        }

        store.BeginFill(identity.Key);
        await ConnectAsync(session, identity, lastModified, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStreamAsync(stall.Token).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            using var reader = new CacheFillReader(body, identity, store, coordinator, participant);
            await session.CopyAsync(reader, identity.Length, stall, cancellationToken).ConfigureAwait(false);
            store.WriteManifest(identity.Key, reader.Hashes);
        }

        await coordinator.FillEndedAsync(identity.Key, participant, complete: true).ConfigureAwait(false);
        LogFilled(logger, session.JobId, session.FileIndex, identity.Length, identity.Blocks);
        return true;
    }

    /// <summary>Copies the content's verified blocks; <paramref name="lastModified"/> is the HEAD's, which the file takes.</summary>
    private async Task CopyAsync(TransferSession session, ContentIdentity identity, string? lastModified, CancellationToken cancellationToken)
    {
        await ConnectAsync(session, identity, lastModified, cancellationToken).ConfigureAwait(false);
        store.Touch(identity.Key);
        using var reader = new CacheCopyReader(identity, store, coordinator, options.StallTimeout, session.Time);
        try
        {
            await session.CopyAsync(reader, identity.Length, stall: null, cancellationToken).ConfigureAwait(false);
        }
        catch (ContentCacheMissException) when (reader.BadBlock is { } bad)
        {
            LogBadBlock(logger, session.JobId, session.FileIndex, bad);

            // The next run fills the content again instead of meeting the same bad block.
            store.DeleteManifest(identity.Key);
            await coordinator.BlockBadAsync(identity.Key, bad).ConfigureAwait(false);
            throw;
        }

        LogCopied(logger, session.JobId, session.FileIndex, identity.Length);
    }

    private static ValueTask ConnectAsync(TransferSession session, ContentIdentity identity, string? lastModified, CancellationToken cancellationToken)
    {
        session.Segments.RemoteSize = identity.Length;
        session.EnsureFits(identity.Length);
        return session.ConnectedAsync(identity.ETag, lastModified, rangeUnsupported: false, note: null, cancellationToken);
    }

    private async Task LeaveAsync(ContentIdentity identity, Guid participant, bool fillFailed)
    {
        try
        {
            if (fillFailed)
            {
                await coordinator.FillEndedAsync(identity.Key, participant, complete: false).ConfigureAwait(false);
            }

            await coordinator.LeaveAsync(identity.Key, participant).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // The content stays marked in use until its grain is collected; nothing of the run depends on it.
            LogLeaveFailed(logger, ex, identity.Key);
        }
    }
}
