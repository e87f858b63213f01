namespace Orleans.Transfer.Tests;

/// <summary>
/// Open until a test closes it; closed, it holds whatever passes it until the test opens it again, and tells the test
/// when the first one arrived.
/// </summary>
internal sealed class TestGate
{
    private volatile TaskCompletionSource _gate = Opened();

    /// <summary>Completes when something reaches the gate after the last <see cref="Close"/>.</summary>
    public TaskCompletionSource Reached { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Holds what passes from now on until <see cref="Release"/>.</summary>
    public void Close()
    {
        Reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public void Release() => _gate.TrySetResult();

    public Task PassAsync(CancellationToken cancellationToken = default)
    {
        Reached.TrySetResult();
        return _gate.Task.WaitAsync(cancellationToken);
    }

    private static TaskCompletionSource Opened()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gate.SetResult();
        return gate;
    }
}
