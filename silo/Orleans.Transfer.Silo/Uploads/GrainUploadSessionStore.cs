using Orleans.Transfer.Uploads;
using Orleans.Transfer.Uploads.Sessions;

namespace Orleans.Transfer.Silo.Uploads;

/// <summary>
/// The silo's upload session store: each session is an <see cref="IUploadSessionGrain"/> in grain storage, so a restart
/// keeps it with its received bytes and every silo of a cluster serves it (no state here). The index grain counts
/// sessions and names idle candidates, which are checked against their own grains.
/// </summary>
internal sealed class GrainUploadSessionStore(IGrainFactory grains) : IUploadSessionStore
{
    private IUploadSessionIndexGrain Index => grains.GetGrain<IUploadSessionIndexGrain>(0);

    public Task<bool> TryCreateAsync(UploadSession session, int maxSessions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        return Session(session.Id).CreateAsync(ToRecord(session), maxSessions).WaitAsync(cancellationToken);
    }

    public async Task<UploadSession?> FindAsync(string id, CancellationToken cancellationToken) =>
        await Session(id).GetAsync().WaitAsync(cancellationToken).ConfigureAwait(false) is { } record
            ? ToSession(record)
            : null;

    public Task<bool> TryUpdateAsync(UploadSession updated, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(updated);
        return Session(updated.Id).TryUpdateAsync(ToRecord(updated)).WaitAsync(cancellationToken);
    }

    public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken) =>
        Session(id).DeleteAsync().WaitAsync(cancellationToken);

    public async Task<IReadOnlyList<UploadSession>> ListIdleAsync(DateTimeOffset before, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        var candidates = await Index.ListIdleAsync(before, max).WaitAsync(cancellationToken).ConfigureAwait(false);
        var idle = new List<UploadSession>(candidates.Count);
        foreach (var id in candidates)
        {
            var record = await Session(id).GetAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
            if (record is null)
            {
                // Deleted, or never stored after its place was taken: the index forgets it.
                await Index.RemoveAsync(id).WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            else if (record.LastActivity < before)
            {
                idle.Add(ToSession(record));
            }
            else
            {
                // The index lagged; catch it up so it names this session only once it is idle.
                await Index.TouchAsync(id, record.LastActivity).WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        return idle;
    }

    private IUploadSessionGrain Session(string id) => grains.GetGrain<IUploadSessionGrain>(UploadSessionGrainKey.Of(id));

    private static UploadSessionRecord ToRecord(UploadSession s) => new(
        s.Id, s.Directory, s.RelativePath, s.User, s.TotalBytes, s.ReceivedBytes, (int)s.Phase, s.Created, s.LastActivity,
        s.ReplyToken, s.ReplyStaticUrl, s.Version, s.LeaseHolder, s.LeaseExpires);

    private static UploadSession ToSession(UploadSessionRecord r) => new(
        r.Id, r.Directory, r.RelativePath, r.User, r.TotalBytes, r.ReceivedBytes, (UploadSessionPhase)r.Phase, r.Created, r.LastActivity,
        r.ReplyToken, r.ReplyStaticUrl, r.Version, r.LeaseHolder, r.LeaseExpires);
}
