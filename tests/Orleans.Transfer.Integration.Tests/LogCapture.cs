using Microsoft.Extensions.Logging;

namespace Orleans.Transfer.Integration.Tests;

/// <summary>A logger provider a test awaits: <see cref="WaitForAsync"/> completes on the first entry that matches.</summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly Lock _lock = new();
    private readonly List<(Func<LogEntry, bool> Match, TaskCompletionSource<LogEntry> Done)> _waiters = [];

    /// <summary>The first entry from now on that matches <paramref name="match"/>.</summary>
    public Task<LogEntry> WaitForAsync(Func<LogEntry, bool> match)
    {
        var done = new TaskCompletionSource<LogEntry>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            _waiters.Add((match, done));
        }

        return done.Task;
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private void Write(LogEntry entry)
    {
        lock (_lock)
        {
            foreach (var waiter in _waiters.Where(w => w.Match(entry)))
            {
                waiter.Done.TrySetResult(entry);
            }

            _waiters.RemoveAll(w => w.Done.Task.IsCompleted);
        }
    }

    /// <summary>One log entry.</summary>
    public sealed record LogEntry(string Category, LogLevel Level, string Message, Exception? Exception);

    private sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            capture.Write(new LogEntry(category, logLevel, formatter(state, exception), exception));
    }
}
