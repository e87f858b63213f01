using Orleans.Transfer.Grains.State;

namespace Orleans.Transfer.Grains.Jobs;

/// <summary>
/// The job's durable wake-up reminder, kept only for jobs that stay active long enough to need one. A job that is
/// active or owes notifications (<see cref="JobPersistence.NeedsWakeUp"/>) gets the reminder <see cref="RegistrationDelay"/>
/// after that started, if it still needs it then: most jobs of small files have finished by then and never touch the
/// reminder table (a register and an unregister were a third of the storage writes of such a job). Until then a crash
/// is covered by the silo's start-up wake-up of the catalog's active jobs, and the activation stays (idle collection
/// is far longer than the delay). The grain passes its timer and reminder calls.
/// </summary>
internal sealed class JobWakeUp(
    Func<TransferJobState> job,
    Func<Func<CancellationToken, Task>, GrainTimerCreationOptions, IGrainTimer> registerTimer,
    Func<Task> register,
    Func<Task> unregister)
{
    public static readonly TimeSpan RegistrationDelay = TimeSpan.FromSeconds(30);

    // Registered by this activation or seen ticking; null when not known: an activation of a job that needed waking may
    // find the reminder an earlier one registered. Any other leftover is not looked up: its next tick removes it.
    private bool? _registered = false;
    private IGrainTimer? _delay;

    /// <summary>The activation starts; a job that needs waking may already have its reminder.</summary>
    public Task ActivatedAsync()
    {
        if (!JobPersistence.NeedsWakeUp(job()))
        {
            return Task.CompletedTask;
        }

        _registered = null;
        return UpdateAsync();
    }

    /// <summary>A reminder tick proves the reminder exists.</summary>
    public void Ticked() => _registered = true;

    /// <summary>After the job's state or outbox changed: arms the delayed registration, or removes a reminder no longer needed.</summary>
    public async Task UpdateAsync()
    {
        if (JobPersistence.NeedsWakeUp(job()))
        {
            if (_registered != true && _delay is null)
            {
                _delay = registerTimer(RegisterIfStillNeededAsync, new GrainTimerCreationOptions
                {
                    DueTime = RegistrationDelay,
                    Period = Timeout.InfiniteTimeSpan,
                    Interleave = false,
                    KeepAlive = true,
                });
            }

            return;
        }

        Stop();
        if (_registered != false)
        {
            await unregister();
            _registered = false;
        }
    }

    /// <summary>The activation goes away (idle collection, shedding, shutdown): a job that needs waking gets its reminder now.</summary>
    public Task DeactivatingAsync() => RegisterIfStillNeededAsync(CancellationToken.None);

    /// <summary>The job is removed for good: no registration may follow.</summary>
    public async Task RemoveAsync()
    {
        Stop();
        await unregister();
        _registered = false;
    }

    public void Stop()
    {
        _delay?.Dispose();
        _delay = null;
    }

    private async Task RegisterIfStillNeededAsync(CancellationToken cancellationToken)
    {
        Stop();
        if (JobPersistence.NeedsWakeUp(job()) && _registered != true)
        {
            await register();
            _registered = true;
        }
    }
}
