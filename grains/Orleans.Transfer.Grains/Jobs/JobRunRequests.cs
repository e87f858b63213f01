using Orleans.Transfer.Diagnostics;
using Orleans.Transfer.Grains.State;
using Orleans.Transfer.Worker;

namespace Orleans.Transfer.Grains.Jobs;

/// <summary>
/// The worker requests of one flight (one scheduler lease). The job's HTTP options are decrypted once, at the start:
/// a change to them restarts the flight (<see cref="JobRunner.RestartAsync"/>), so it applies from the next request.
/// </summary>
internal sealed class JobRunRequests(Guid jobId, Func<TransferJobState> job, JobSecrets secrets, Func<JobFileState, TransferDirection> directionOf)
{
    private HttpTransferOptions? _http;

    private TransferJobState Job => job();

    /// <summary>Decrypts the job's HTTP secrets; false with a fatal failure when one cannot be.</summary>
    public bool TryPrepare(out TransferFailure? failure) => secrets.TryGetHttpOptions(ServerAuthorities(Job.Files), out _http, out failure);

    public FileTransferRequest Create(int index)
    {
        var file = Job.Files[index];
        return new FileTransferRequest(
            jobId,
            index,
            file.RemoteUrl,
            file.TempPath,
            file.Ranges,
            ToCheckpoint(file),
            Job.Priority,
            Job.MaxBytesPerSecond,
            directionOf(file),
            MaxFileBytes(index),
            Job.Owner,
            _http);
    }

    /// <summary>
    /// BITS caps the whole job (B67): a file may grow to the limit minus what the job's other files hold at its start.
    /// A job with a limit runs one file at a time (<see cref="JobRunner"/>), so the sum holds exactly.
    /// </summary>
    private long? MaxFileBytes(int index)
    {
        if (Job.Http?.MaxDownloadBytes is not { } limit)
        {
            return null;
        }

        long others = 0;
        for (var i = 0; i < Job.Files.Count; i++)
        {
            others += i == index ? 0 : Job.Files[i].BytesTransferred;
        }

        return Math.Max(0, limit - others);
    }

    /// <summary>Server credentials go only to the origins the job's files name (<see cref="HttpTransferOptions.OriginOf"/>).</summary>
    private static HashSet<string> ServerAuthorities(IEnumerable<JobFileState> files)
    {
        var authorities = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in files)
        {
            if (Uri.TryCreate(file.RemoteUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
            {
                authorities.Add(HttpTransferOptions.OriginOf(uri));
            }
        }

        return authorities;
    }

    private static FileCheckpoint ToCheckpoint(JobFileState file) =>
        new(file.BytesTransferred, file.BytesTotal, file.ETag, file.LastModified, file.RangeUnsupported,
            file is { TempFileDevice: { } device, TempFileInode: { } inode } ? new FileIdentity(device, inode) : null);
}
