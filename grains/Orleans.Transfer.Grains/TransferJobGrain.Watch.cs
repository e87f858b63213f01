namespace Orleans.Transfer.Grains;

/// <summary>Long polling for watchers: state changes are reported at once, progress at a bounded rate.</summary>
internal sealed partial class TransferJobGrain
{
    private static readonly TimeSpan s_shortestWatchInterval = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan s_longestWatchWait = TimeSpan.FromMinutes(5);

    private TaskCompletionSource _stateChanged = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task<JobInfo> WaitForChangeAsync(JobState knownState, long knownBytes, TimeSpan minInterval, TimeSpan maxWait)
    {
        EnsureExists();
        var interval = minInterval < s_shortestWatchInterval ? s_shortestWatchInterval : minInterval;
        var deadline = timeProvider.GetUtcNow() + (maxWait > s_longestWatchWait ? s_longestWatchWait : maxWait);
        while (true)
        {
            var info = ToInfo();
            if (info.State != knownState || timeProvider.GetUtcNow() >= deadline)
            {
                return info;
            }

            await Task.WhenAny(_stateChanged.Task, Task.Delay(interval, timeProvider));
            info = ToInfo();
            if (info.State != knownState || info.Progress.BytesTransferred != knownBytes)
            {
                return info;
            }
        }
    }

    private void SignalStateChanged()
    {
        var changed = _stateChanged;
        _stateChanged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        changed.SetResult();
    }
}
