using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Orleans.Transfer.Worker;

/// <summary>
/// Keeps the store under <see cref="ContentCacheOptions.MaxBytes"/>: after each fill, deletes whole contents, least
/// recently used first, that the coordinator confirms no run uses. The filler trims before its run reports the file
/// complete; one trim at a time per silo, and the coordinator hands each content to one evicting silo.
/// </summary>
internal sealed partial class ContentCacheEvictor(
    ContentBlockStore store, IContentCacheCoordinator coordinator, IOptions<ContentCacheOptions> options, ILogger<ContentCacheEvictor> logger)
{
    private int _trimming;

    /// <summary>
    /// Deletes least recently used contents not in use until the store is within its cap; returns at once when a trim
    /// is already running on this silo. Never throws.
    /// </summary>
    public async Task TrimAsync()
    {
        if (Interlocked.Exchange(ref _trimming, 1) != 0)
        {
            return;
        }

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
        finally
        {
            Volatile.Write(ref _trimming, 0);
        }
    }
}
