namespace Orleans.Transfer.Worker;

/// <summary>
/// Where an upload's packets go (digest §9): the URL's own host until Create-Session names a BITS-Host-Id, then that
/// host (scheme and port kept); after BITS-Host-Id-Fallback-Timeout seconds of failures to reach it (from the first
/// failure, reset by any answer) back to the URL's host for good. No timeout: never fall back.
/// </summary>
internal sealed class UploadRoute(Uri origin, TimeProvider time)
{
    private long? _failingSince;

    public string? HostId { get; private set; }

    public int? FallbackSeconds { get; private set; }

    public Uri Target => HostId is { } host ? new UriBuilder(origin) { Host = host }.Uri : origin;

    public void Use(string? hostId, int? fallbackSeconds)
    {
        HostId = hostId;
        FallbackSeconds = hostId is null ? null : fallbackSeconds;
        _failingSince = null;
    }

    public void Answered() => _failingSince = null;

    /// <summary>Records a failure to reach the Host-Id host; true when the route just fell back to the URL's host.</summary>
    public bool FailedToReach()
    {
        if (HostId is null || FallbackSeconds is not { } seconds)
        {
            return false;
        }

        var now = time.GetTimestamp();
        _failingSince ??= now;
        if (time.GetElapsedTime(_failingSince.Value, now) < TimeSpan.FromSeconds(seconds))
        {
            return false;
        }

        Use(hostId: null, fallbackSeconds: null);
        return true;
    }
}
