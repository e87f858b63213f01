using Orleans.Transfer.Grains.Kinds;
using Orleans.Transfer.Grains.State;
using Orleans.Transfer.Worker;

namespace Orleans.Transfer.Grains.Jobs;

/// <summary>
/// The worker requests of one flight (one scheduler lease). The job's HTTP options are decrypted once, at the start:
/// a change to them restarts the flight (<see cref="JobRunner.RestartAsync"/>), so it applies from the next request.
/// <paramref name="takeOverHeld"/>: the requests may take over temporary files a dead silo's worker still holds.
/// </summary>
internal sealed class JobRunRequests(
    Guid jobId, Func<TransferJobState> job, JobSecrets secrets, Func<JobFileState, IFileRun> nextRun, bool takeOverHeld = false)
{
    private HttpTransferOptions? _http;

    private TransferJobState Job => job();

    /// <summary>Decrypts the job's HTTP secrets; false with a fatal failure when one cannot be.</summary>
    public bool TryPrepare(out TransferFailure? failure) => secrets.TryGetHttpOptions(ServerAuthorities(Job.Files), out _http, out failure);

    /// <summary>File <paramref name="index"/>'s next run, as its kind plans it.</summary>
    public IFileRun NextRun(int index) => nextRun(Job.Files[index]);

    public FileTransferRequest Create(int index) => Create(index, NextRun(index));

    /// <summary>The worker's request for <paramref name="run"/> of file <paramref name="index"/>.</summary>
    public FileTransferRequest Create(int index, IFileRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new FileTransferRequest(
            jobId,
            index,
            run.RemoteUrl,
            run.LocalPath,
            // Only download kinds take ranges, whose files have one run.
            Job.Files[index].Ranges,
            run.Checkpoint,
            Job.Priority,
            Job.MaxBytesPerSecond,
            run.Direction,
            MaxFileBytes(index),
            Job.Owner,
            _http,
            run.ExpectReply,
            Job.Files[index].Digest,
            TakeOverHeldTempFile: takeOverHeld);
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

    /// <summary>
    /// Server credentials go only to the origins the job's files name (<see cref="HttpTransferOptions.OriginOf"/>): http
    /// and https servers, and SMB servers (smb://host:port), which take the job's server credential for their share.
    /// </summary>
    private static HashSet<string> ServerAuthorities(IEnumerable<JobFileState> files)
    {
        var authorities = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in files)
        {
            if (Uri.TryCreate(file.RemoteUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "smb")
            {
                authorities.Add(HttpTransferOptions.OriginOf(uri));
            }
        }

        return authorities;
    }
}
