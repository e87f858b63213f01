using Orleans.Transfer.Platform.Unix;

namespace Orleans.Transfer.Worker.OwnerFiles;

/// <summary>One queued operation and the task its caller awaits; continuations never run on the thread that ran it.</summary>
internal sealed class OwnerWork<T> : IOwnerWork
{
    private readonly Func<T> _operation;
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenRegistration _cancellation;
    private T? _result;
    private Exception? _error;

    public OwnerWork(UnixCredentials credentials, Func<T> operation, CancellationToken cancellationToken)
    {
        Credentials = credentials;
        _operation = operation;
        _cancellation = cancellationToken.Register(
            static state => ((OwnerWork<T>)state!)._completion.TrySetCanceled(), this);
    }

    public UnixCredentials Credentials { get; }

    public Task<T> Task => _completion.Task;

    public bool IsAbandoned => _completion.Task.IsCompleted;

    public void Run()
    {
        Execute();
        Complete();
    }

    public void Execute()
    {
        try
        {
            _result = _operation();
        }
        catch (Exception ex)
        {
            _error = ex;
        }
    }

    public void Complete()
    {
        if (_error is not null)
        {
            _completion.TrySetException(_error);
        }
        else if (!_completion.TrySetResult(_result!) && _result is IDisposable abandoned)
        {
            // The caller gave up (cancelled) while the operation ran: nobody will close what it opened.
            abandoned.Dispose();
        }

        _cancellation.Dispose();
    }

    public void Fail(Exception exception)
    {
        _completion.TrySetException(exception);
        _cancellation.Dispose();
    }
}
