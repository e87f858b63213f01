namespace Orleans.Transfer.Client;

/// <summary>
/// One observer subscribed to one job: renews the subscription on a timer, because the job grain forgets observers
/// that have not subscribed again within five minutes, and removes it on dispose.
/// </summary>
internal sealed class JobObservation : IAsyncDisposable
{
    // Well inside the grain's five-minute expiry, so one or two failed renewals do not lose the subscription.
    private static readonly TimeSpan s_renewInterval = TimeSpan.FromMinutes(1);

    private readonly IGrainFactory _grainFactory;
    private readonly ITransferJobGrain _job;
    private readonly ITransferJobObserver _reference;
    private readonly PeriodicTimer _timer = new(s_renewInterval, TimeProvider.System);
    private readonly Task _renewing;

    private JobObservation(IGrainFactory grainFactory, ITransferJobGrain job, ITransferJobObserver reference)
    {
        _grainFactory = grainFactory;
        _job = job;
        _reference = reference;
        _renewing = RenewAsync();
    }

    /// <summary>Subscribes <paramref name="observer"/> to <paramref name="job"/>; on failure nothing is left behind.</summary>
    public static async Task<JobObservation> StartAsync(
        IGrainFactory grainFactory,
        ITransferJobGrain job,
        ITransferJobObserver observer,
        CancellationToken cancellationToken)
    {
        var reference = grainFactory.CreateObjectReference<ITransferJobObserver>(observer);
        try
        {
            await job.SubscribeAsync(reference).WaitAsync(cancellationToken);
        }
        catch
        {
            grainFactory.DeleteObjectReference<ITransferJobObserver>(reference);
            throw;
        }

        return new JobObservation(grainFactory, job, reference);
    }

    public async ValueTask DisposeAsync()
    {
        _timer.Dispose();
        await _renewing;
        try
        {
            await _job.UnsubscribeAsync(_reference);
        }
        finally
        {
            _grainFactory.DeleteObjectReference<ITransferJobObserver>(_reference);
        }
    }

    private async Task RenewAsync()
    {
        // Ends when DisposeAsync disposes the timer.
        while (await _timer.WaitForNextTickAsync())
        {
            try
            {
                await _job.SubscribeAsync(_reference);
            }
            catch (Exception)
            {
                // The service may be restarting: the next tick tries again, well before the subscription expires.
            }
        }
    }
}
