using System.Data.Common;
using System.Threading.Channels;

namespace Orleans.Transfer.Storage.Data;

/// <summary>
/// The one writer of a SQLite database in this process, with group commit. SQLite lets one transaction write at a time;
/// when several connections try, the losers get SQLITE_BUSY and Microsoft.Data.Sqlite retries them by putting the
/// calling thread to sleep, a grain's thread included. Here every write is queued instead: one loop takes all waiting
/// writes, runs each in its own savepoint of one transaction on one connection, commits once (one WAL fsync for the
/// lot) and only then reports each write's outcome. A write that throws is rolled back alone; a failed commit fails
/// every write of the batch. Callers' continuations never run on the loop.
/// </summary>
internal sealed class SqliteWriteQueue : IAsyncDisposable
{
    /// <summary>Writes committed together at most; bounds how long the first one waits behind the others.</summary>
    public const int MaxBatch = 256;

    private readonly Func<CancellationToken, Task<DbConnection>> _open;
    private readonly Channel<IQueuedWrite> _queue = Channel.CreateUnbounded<IQueuedWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;
    private DbConnection? _connection;
    private long _commits;

    public SqliteWriteQueue(Func<CancellationToken, Task<DbConnection>> open)
    {
        _open = open;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Transactions committed so far: fewer than the writes when they were grouped.</summary>
    public long Commits => Interlocked.Read(ref _commits);

    /// <summary>Runs <paramref name="work"/> in the next batch's transaction; completes once that transaction committed.</summary>
    public Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        var write = new QueuedWrite<T>(work, cancellationToken);
        if (!_queue.Writer.TryWrite(write))
        {
            throw new ObjectDisposedException(nameof(SqliteWriteQueue), "The storage is shutting down; the write was not made.");
        }

        return write.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        if (_connection is not null)
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task RunAsync()
    {
        var batch = new List<IQueuedWrite>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var write))
            {
                if (!write.IsCancelled)
                {
                    batch.Add(write);
                }
            }

            if (batch.Count > 0)
            {
                await CommitAsync(batch).ConfigureAwait(false);
                batch.Clear();
            }
        }
    }

    private async Task CommitAsync(List<IQueuedWrite> batch)
    {
        try
        {
            _connection ??= await _open(CancellationToken.None).ConfigureAwait(false);
            await using var transaction = await _connection.BeginTransactionAsync().ConfigureAwait(false);
            for (var i = 0; i < batch.Count; i++)
            {
                var savepoint = "w" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await transaction.SaveAsync(savepoint).ConfigureAwait(false);
                if (await batch[i].RunAsync(_connection, transaction).ConfigureAwait(false))
                {
                    await transaction.ReleaseAsync(savepoint).ConfigureAwait(false);
                }
                else
                {
                    await transaction.RollbackAsync(savepoint).ConfigureAwait(false);
                }
            }

            await transaction.CommitAsync().ConfigureAwait(false);
            Interlocked.Increment(ref _commits);
        }
        catch (Exception e)
        {
            // The connection may be unusable (disk full, file replaced): the next batch opens a new one.
            var broken = _connection;
            _connection = null;
            if (broken is not null)
            {
                await broken.DisposeAsync().ConfigureAwait(false);
            }

            foreach (var write in batch)
            {
                write.Fail(e);
            }

            return;
        }

        foreach (var write in batch)
        {
            write.Publish();
        }
    }

    private interface IQueuedWrite
    {
        bool IsCancelled { get; }

        /// <summary>Runs the write; false when it threw (its outcome is then set and its savepoint must roll back).</summary>
        Task<bool> RunAsync(DbConnection connection, DbTransaction transaction);

        void Publish();

        void Fail(Exception exception);
    }

    private sealed class QueuedWrite<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
        : IQueuedWrite
    {
        private readonly TaskCompletionSource<T> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;
        private Exception? _failure;

        public Task<T> Task => _outcome.Task;

        public bool IsCancelled => cancellationToken.IsCancellationRequested && _outcome.TrySetCanceled(cancellationToken);

        public async Task<bool> RunAsync(DbConnection connection, DbTransaction transaction)
        {
            try
            {
                // Once started a write runs to its end: the batch's transaction must not be left half-used.
                _result = await work(connection, transaction, CancellationToken.None).ConfigureAwait(false);
                return true;
            }
            catch (Exception e)
            {
                _failure = e;
                return false;
            }
        }

        public void Publish()
        {
            if (_failure is not null)
            {
                _outcome.TrySetException(_failure);
            }
            else
            {
                _outcome.TrySetResult(_result!);
            }
        }

        public void Fail(Exception exception) => _outcome.TrySetException(_failure ?? exception);
    }
}
