namespace Orleans.Transfer.Grains.Jobs;

/// <summary>Where this activation's completion of a Transferred job by the service (<see cref="JobCompletion"/>) stands.</summary>
internal enum ServiceCompletion
{
    /// <summary>Not started by this activation, or ended with the job completed.</summary>
    None = 0,

    /// <summary>Under way, up to and including the Acknowledged write: watches wait for its outcome.</summary>
    Running = 1,

    /// <summary>The last one failed (B30): Transferred, with the error, is settled.</summary>
    Failed = 2,
}
