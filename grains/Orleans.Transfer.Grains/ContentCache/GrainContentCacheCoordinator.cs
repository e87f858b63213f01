using Orleans.Transfer.Worker;

namespace Orleans.Transfer.Grains.ContentCache;

/// <summary>The worker's <see cref="IContentCacheCoordinator"/> as calls to the content's <see cref="IContentCacheGrain"/>.</summary>
internal sealed class GrainContentCacheCoordinator(IGrainFactory grains) : IContentCacheCoordinator
{
    public Task<bool> JoinAsync(string key, int blocks, Guid participant) => Grain(key).JoinAsync(blocks, participant);

    public Task BlockFilledAsync(string key, Guid participant, int index, byte[] sha256) =>
        Grain(key).BlockFilledAsync(participant, index, sha256);

    public Task FillEndedAsync(string key, Guid participant, bool complete) => Grain(key).FillEndedAsync(participant, complete);

    public async Task<ContentBlock> WaitForBlockAsync(string key, int index, TimeSpan wait)
    {
        var block = await Grain(key).WaitForBlockAsync(index, wait).ConfigureAwait(false);
        return block switch
        {
            { Sha256: { } sha256 } => new ContentBlock(ContentBlockStatus.Ready, sha256),
            { Failed: true } => ContentBlock.Failed,
            _ => ContentBlock.Pending,
        };
    }

    public Task BlockBadAsync(string key, int index) => Grain(key).BlockBadAsync(index);

    public Task LeaveAsync(string key, Guid participant) => Grain(key).LeaveAsync(participant);

    public Task<bool> TryEvictAsync(string key) => Grain(key).TryEvictAsync();

    private IContentCacheGrain Grain(string key) => grains.GetGrain<IContentCacheGrain>(key);
}
