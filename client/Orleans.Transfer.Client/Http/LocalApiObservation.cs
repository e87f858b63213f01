namespace Orleans.Transfer.Client.Http;

/// <summary>
/// One observer following one job's event stream in the background: it passes on the job's events (not the first,
/// which is the job as it stands, nor progress, which observers never get), reconnects when the stream breaks (events
/// in between are lost), and ends when the job settles or on dispose.
/// </summary>
internal sealed class LocalApiObservation : IAsyncDisposable
{
    // The service may be restarting: try again soon, but do not spin.
    private static readonly TimeSpan s_reconnectDelay = TimeSpan.FromSeconds(1);

    private readonly Func<CancellationToken, Task<HttpResponseMessage>> _open;
    private readonly ITransferJobObserver _observer;
    private readonly TimeProvider _timeProvider;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _following;

    private LocalApiObservation(
        Func<CancellationToken, Task<HttpResponseMessage>> open,
        HttpResponseMessage first,
        ITransferJobObserver observer,
        TimeProvider timeProvider)
    {
        _open = open;
        _observer = observer;
        _timeProvider = timeProvider;
        _following = FollowAsync(first, _stop.Token);
    }

    /// <summary>Opens the stream, so an unknown job or a refusal fails here, then follows it in the background.</summary>
    public static async Task<LocalApiObservation> StartAsync(
        Func<CancellationToken, Task<HttpResponseMessage>> open,
        ITransferJobObserver observer,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var first = await open(cancellationToken);
        return new LocalApiObservation(open, first, observer, timeProvider);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _following;
        _stop.Dispose();
    }

    private async Task FollowAsync(HttpResponseMessage? response, CancellationToken stop)
    {
        // Off the caller's thread: StartAsync returns before the first event is read.
        await Task.Yield();
        try
        {
            while (response is not null)
            {
                using (response)
                {
                    try
                    {
                        if (await DeliverAsync(response, stop))
                        {
                            return;
                        }
                    }
                    catch (Exception ex) when (ex is IOException or HttpRequestException)
                    {
                        // The stream broke: reconnect below.
                    }
                }

                response = await ReopenAsync(stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Disposed.
        }
    }

    /// <summary>Passes the stream's events on; true when it ended at a settled event, false when it ended early.</summary>
    private async Task<bool> DeliverAsync(HttpResponseMessage response, CancellationToken stop)
    {
        var first = true;
        await foreach (var jobEvent in JobEventStream.ReadAsync(response, stop))
        {
            var kind = jobEvent.Kind & ~JobEventKind.Progress;
            if (!first && kind != JobEventKind.None)
            {
                await NotifyAsync(jobEvent with { Kind = kind });
            }

            first = false;
            if (jobEvent.IsSettled())
            {
                return true;
            }
        }

        return false;
    }

    private async Task NotifyAsync(JobEvent jobEvent)
    {
        try
        {
            await _observer.OnJobEvent(jobEvent);
        }
        catch (Exception)
        {
            // The observer's failure is its own: as the service does for its observers, the next event still goes out.
        }
    }

    /// <summary>Opens the stream again once the service answers; null when the job is gone or may not be watched.</summary>
    private async Task<HttpResponseMessage?> ReopenAsync(CancellationToken stop)
    {
        while (true)
        {
            await Task.Delay(s_reconnectDelay, _timeProvider, stop);
            try
            {
                return await _open(stop);
            }
            catch (TransferJobException)
            {
                return null;
            }
            catch (Exception ex) when (ex is TransferServiceUnavailableException or IOException or HttpRequestException or TimeoutException)
            {
                // Not back yet.
            }
        }
    }
}
