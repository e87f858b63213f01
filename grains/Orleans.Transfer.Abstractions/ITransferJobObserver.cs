namespace Orleans.Transfer;

/// <summary>Receives a job's events (BITS B57–B60) while subscribed with <see cref="ITransferJobGrain.SubscribeAsync"/>.</summary>
[Alias("Orleans.Transfer.ITransferJobObserver")]
public interface ITransferJobObserver : IGrainObserver
{
    /// <summary>
    /// One event: JobTransferred, JobError (only for the Error state), JobModification, or FileTransferred (with the
    /// file's index, always before JobTransferred). Events arrive one at a time, in order: the job sends the next only
    /// after this call returns, so return promptly.
    /// </summary>
    [Alias("OnEvent")]
    Task OnJobEvent(JobEvent jobEvent);
}
