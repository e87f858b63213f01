using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Orleans.Transfer.Worker;

/// <summary>
/// Keeps the store under <see cref="ContentCacheOptions.MaxBytes"/>: after each fill, deletes whole contents, least
/// recently used first, that the coordinator confirms no run uses. One trim at a time per silo; silos that trim at
/// once each ask the coordinator, which gives a content to one of them.
/// </summary>
internal sealed partial class ContentCacheEvictor(
    ContentBlockStore store, IContentCacheCoordinator coordinator, IOptions<ContentCacheOptions> options, ILogger<ContentCacheEvictor> logger)
{
    private int _trimming;

    /// <summary>Starts a trim on the thread pool unless one is running; returns at once, never throws.</summary>
    public void TrimInBackground()
    {
        if (Interlocked.Exchange(ref _trimming, 1) == 0)
        {
            _ = Task.Run(async () =>
            {
                try
                {
                    await TrimAsync().ConfigureAwait(false);
                }
                finally
                {
                    Volatile.Write(ref _trimming, 0);
                }
            });
        }
    }

    /// <summary>Deletes least recently used contents not in use until the store is within its cap.</summary>
    internal async Task TrimAsync()
    {
        try
        {
            var contents = store.Contents().OrderBy(c => c.LastUsed).ToList();
            var total = contents.Sum(c => c.Bytes);
            foreach (var (key, bytes, _) in contents)
            {
                if (total <= options.Value.MaxBytes)
                {
                    break;
                }

                if (await coordinator.TryEvictAsync(key).ConfigureAwait(false))
                {
                    store.Delete(key);
                    total -= bytes;
                    LogEvicted(logger, key, bytes);
                }
            }
        }
        catch (Exception ex)
        {
            // The next fill tries again; a store over its cap until then loses nothing.
            LogEvictionFailed(logger, ex);
        }
    }
}
