namespace Orleans.Transfer.Grains;

/// <summary>Silo-internal: activates a job so it resumes its work, without being a caller operation.</summary>
[Alias("Orleans.Transfer.Grains.IJobWakeUpGrain")]
public interface IJobWakeUpGrain : IGrainWithGuidKey
{
    /// <summary>Activates the job; an active job resumes transferring or re-arms its retry timer.</summary>
    [Alias("WakeUp")]
    Task WakeUpAsync();
}
