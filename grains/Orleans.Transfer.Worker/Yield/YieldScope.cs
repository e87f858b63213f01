namespace Orleans.Transfer.Worker;

/// <summary>
/// The job a transfer runs for, carried by the async flow so that a yield-controlled connection, shared by the
/// handler's pool, knows whose read it serves (for <see cref="YieldRegistry.StatusFor"/>).
/// </summary>
internal static class YieldScope
{
    private static readonly AsyncLocal<Guid?> s_job = new();

    /// <summary>The job of the current flow, or null outside a transfer.</summary>
    public static Guid? Current => s_job.Value;

    /// <summary>Marks the current flow as <paramref name="jobId"/>'s until the result is disposed.</summary>
    public static Exit Enter(Guid jobId)
    {
        var previous = s_job.Value;
        s_job.Value = jobId;
        return new Exit(previous);
    }

    /// <summary>Restores the job the flow had before <see cref="Enter"/>.</summary>
    public readonly struct Exit(Guid? previous) : IDisposable
    {
        public void Dispose() => s_job.Value = previous;
    }
}
