namespace Orleans.Transfer.Tests.Jobs;

/// <summary>
/// What a run loop did, in order (worker starts and host calls in one list), with a task per entry so a test awaits
/// the loop reaching a point instead of polling.
/// </summary>
internal sealed class RunLog
{
    private readonly Lock _lock = new();
    private readonly List<string> _entries = [];
    private readonly Dictionary<string, TaskCompletionSource> _waits = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Entries
    {
        get
        {
            lock (_lock)
            {
                return [.. _entries];
            }
        }
    }

    public void Add(string entry)
    {
        TaskCompletionSource? waiting;
        lock (_lock)
        {
            _entries.Add(entry);
            _waits.Remove(entry, out waiting);
        }

        waiting?.TrySetResult();
    }

    /// <summary>Completes once <paramref name="entry"/> has been logged.</summary>
    public Task WhenLogged(string entry)
    {
        lock (_lock)
        {
            if (_entries.Contains(entry))
            {
                return Task.CompletedTask;
            }

            if (!_waits.TryGetValue(entry, out var waiting))
            {
                waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _waits[entry] = waiting;
            }

            return waiting.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }
}
