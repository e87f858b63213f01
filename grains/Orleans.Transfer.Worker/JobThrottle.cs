namespace Orleans.Transfer.Worker;

/// <summary>
/// Paces one running file of a job through the job's bucket (shared by the job's files running at once) and the
/// shared buckets that apply to its priority. Dispose when the run ends.
/// </summary>
internal sealed class JobThrottle : IDisposable
{
    // Waits are sliced so that a policy change, a schedule change or a new per-job cap applies within a second.
    private static readonly TimeSpan s_slice = TimeSpan.FromMilliseconds(250);

    private readonly BandwidthController _owner;
    private readonly TimeProvider _time;

    public JobThrottle(BandwidthController owner, TimeProvider time, Guid jobId, JobPriority priority, TokenBucket jobBucket)
    {
        _owner = owner;
        _time = time;
        JobId = jobId;
        Priority = priority;
        Bucket = jobBucket;
    }

    public Guid JobId { get; }

    /// <summary>Changed only under the owner's lock.</summary>
    public JobPriority Priority { get; set; }

    /// <summary>The per-job cap, shared by the job's running files; used only under the owner's lock.</summary>
    public TokenBucket Bucket { get; }

    /// <summary>The buckets charged last and the tickets they gave; used only under the owner's lock.</summary>
    public List<(TokenBucket Bucket, double Ticket)> Tickets { get; } = new(3);

    /// <summary>Bytes to read before the next <see cref="PaceAsync"/>: small grants keep the per-second rate even.</summary>
    public int Quantum => _owner.QuantumFor(this);

    /// <summary>Throws a <see cref="TransferFailedException"/> with BlockedByPolicy when a limit of 0 applies now.</summary>
    public void ThrowIfBlocked() => _owner.Wait(this);

    /// <summary>Charges <paramref name="bytes"/> just received, then waits until every bucket that applies is repaid.</summary>
    public async ValueTask PaceAsync(int bytes, CancellationToken cancellationToken)
    {
        var wait = _owner.Charge(this, bytes);
        while (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait < s_slice ? wait : s_slice, _time, cancellationToken).ConfigureAwait(false);
            wait = _owner.Wait(this);
        }
    }

    public void Dispose() => _owner.Remove(this);
}
