using System.Buffers;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;
using Polly;

namespace Orleans.Transfer.Worker;

/// <summary>
/// One run of one file: prepares the temp file from the checkpoint, fetches the missing bytes of each segment (the
/// whole file is one segment from 0 to the end), and reports durable progress. Used by one thread at a time, except
/// <see cref="LiveBytes"/>.
/// </summary>
internal sealed partial class FileDownload
{
    // A server whose content keeps changing under us would otherwise restart the file forever.
    private const int MaxRestarts = 3;

    private const string RangeUnsupportedNote =
        "The server ignores Range requests (or sends no length); an interruption restarts this file from zero.";

    private readonly FileTransferRequest _request;
    private readonly ChannelWriter<TransferEvent> _events;
    private readonly HttpClient _client;
    private readonly TransferWorkerOptions _options;
    private readonly JobThrottle _throttle;
    private readonly INetworkMonitor _network;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IReadOnlyList<ByteRange> _segments;
    private readonly bool _ranged;
    private readonly ResiliencePipeline _retry;
    private string _displayUrl;
    private SafeFileHandle? _file;
    private byte[] _buffer = [];
    private long _position;
    private long? _remoteSize;
    private FileCheckpoint _checkpoint = FileCheckpoint.Empty;
    private long _lastCheckpointBytes;
    private long _lastCheckpointTimestamp;
    private int _restarts;
    private long _positionAtFailure;
    private int _failuresWithoutProgress;

    // Checkpoint fsyncs run in the background, one after another, while the download goes on; each is reported, in
    // order, once done. One at a time: the durable position stays at most two checkpoints behind the written one.
    private const int MaxPendingFlushes = 1;
    private readonly Queue<(long Bytes, Task Flush)> _flushes = new();
    private Task _lastFlush = Task.CompletedTask;

    public FileDownload(
        FileTransferRequest request,
        ChannelWriter<TransferEvent> events,
        HttpClient client,
        TransferWorkerOptions options,
        JobThrottle throttle,
        INetworkMonitor network,
        TimeProvider time,
        ILogger logger)
    {
        _request = request;
        _events = events;
        _client = client;
        _options = options;
        _throttle = throttle;
        _network = network;
        _time = time;
        _logger = logger;
        _ranged = request.Ranges.Count > 0;
        _segments = _ranged ? request.Ranges : [new ByteRange(0, null)];
        _displayUrl = "the remote URL";
        _retry = BuildRetryPipeline();
    }

    public long LiveBytes => Volatile.Read(ref _position);

    private SafeFileHandle TempFile => _file ?? throw new InvalidOperationException("The temp file is not open.");

    /// <summary>Runs to the end; never throws. The final event is sent after the temp file is closed.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        TransferEvent? final = null;
        _buffer = ArrayPool<byte>.Shared.Rent(_options.BufferSize);
        try
        {
            final = await DownloadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            LogCancelled(_logger, _request.JobId, _request.FileIndex, _position);
        }
        catch (TransferFailedException ex)
        {
            final = Fail(ex.Failure);
        }
        catch (TransientNetworkException ex)
        {
            final = Fail(ex.Failure);
        }
        catch (Exception ex)
        {
            LogUnexpected(_logger, ex, _request.JobId, _request.FileIndex);
            final = Fail(new TransferFailure(
                TransferErrorCode.Internal,
                ErrorContext.QueueManager,
                $"Unexpected failure in the transfer worker: {ex.Message} The job retries later; report this if it persists.",
                HttpStatus: null,
                IsTransient: true));
        }
        finally
        {
            DrainFlush();
            _file?.Dispose();
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        if (final is not null)
        {
            try
            {
                await _events.WriteAsync(final, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Cancelled while the grain was not reading: nothing further is promised after cancellation.
            }
        }

        _events.TryComplete();
    }

    private async Task<TransferEvent> DownloadAsync(CancellationToken cancellationToken)
    {
        var source = RemoteSource.Parse(_request.RemoteUrl);
        _displayUrl = source.DisplayName;
        var needsNetwork = source.NeedsNetwork;
        _throttle.ThrowIfBlocked();

        // Read before the check: a loss right after it still cancels this run.
        var lost = _network.LostToken;
        if (needsNetwork && !_network.IsAvailable)
        {
            throw new TransferFailedException(TransferFailures.NetworkDisconnected(_displayUrl));
        }

        OpenTempFile();
        LogStarting(_logger, _request.JobId, _request.FileIndex, _displayUrl, _position);
        using var offline = needsNetwork ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lost) : null;
        var token = offline?.Token ?? cancellationToken;
        while (true)
        {
            try
            {
                await TransferAsync(source, token).ConfigureAwait(false);
                await ReportPendingCheckpointAsync(token).ConfigureAwait(false);
                EnsureTempFileIntact();
                break;
            }
            catch (TempFileLostException ex)
            {
                ReplaceTempFile(ex.Message);
            }
            catch (OperationCanceledException) when (lost.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TransferFailedException(TransferFailures.NetworkDisconnected(_displayUrl));
            }
            catch (Exception ex) when (needsNetwork && FailureOf(ex) is { Context: ErrorContext.Transport })
            {
                // A connection that failed because the machine is going offline is not an error of this job; the
                // quick retries are over before the loss is confirmed, so wait for the verdict.
                if (!await _network.ConfirmAvailableAsync(cancellationToken).ConfigureAwait(false))
                {
                    throw new TransferFailedException(TransferFailures.NetworkDisconnected(_displayUrl), ex);
                }

                throw;
            }
        }

        Flush();
        _checkpoint = _checkpoint with { BytesWritten = _position, BytesTotal = _position };
        LogCompleted(_logger, _request.JobId, _request.FileIndex, _position);
        return new TransferEvent(TransferEventKind.Completed, _checkpoint);
    }

    private static TransferFailure? FailureOf(Exception exception) => exception switch
    {
        TransientNetworkException network => network.Failure,
        TransferFailedException failed => failed.Failure,
        _ => null,
    };

    private async Task TransferAsync(RemoteSource source, CancellationToken cancellationToken)
    {
        if (source.LocalPath is { } localPath)
        {
            await CopyLocalAsync(localPath, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await _retry.ExecuteAsync(
                async token => await DownloadHttpAsync(source.Uri!, token).ConfigureAwait(false),
                cancellationToken).ConfigureAwait(false);
        }

        if (TotalBytes() is { } total && total != _position)
        {
            throw new TransferFailedException(TransferFailures.InvalidResponse(
                _displayUrl, $"the download ended at byte {_position} of {total}."));
        }
    }

    private TransferEvent Fail(TransferFailure failure)
    {
        DrainFlush();
        LogFailed(_logger, _request.JobId, _request.FileIndex, _position, failure.Code, failure.Message);
        if (_file is not null && _position > _checkpoint.BytesWritten)
        {
            // Keep what arrived since the last checkpoint, so the job's retry re-fetches less.
            try
            {
                RandomAccess.FlushToDisk(_file);
                _checkpoint = _checkpoint with { BytesWritten = _position, BytesTotal = TotalBytes() };
            }
            catch (IOException)
            {
                // The previous checkpoint stays valid; the failure being reported matters more.
            }
        }

        return new TransferEvent(TransferEventKind.Failed, _checkpoint, failure);
    }

    private void Restart(
        string reason,
        TransferErrorCode code = TransferErrorCode.InvalidServerResponse,
        ErrorContext context = ErrorContext.RemoteFile)
    {
        if (++_restarts > MaxRestarts)
        {
            throw new TransferFailedException(new TransferFailure(
                code,
                context,
                $"The file {_displayUrl} had to restart {_restarts} times during one run (last: {reason}); the job retries later.",
                HttpStatus: null,
                IsTransient: true));
        }

        LogRestarting(_logger, _request.JobId, _request.FileIndex, _position, reason);
        DrainFlush();
        SetFileLength(0);
        Volatile.Write(ref _position, 0);
        _remoteSize = null;
        _checkpoint = FileCheckpoint.Empty;
        _lastCheckpointBytes = 0;
        _positionAtFailure = 0;
    }

    /// <summary>Fsyncs the temp file, then reports its length as durable.</summary>
    private async ValueTask ReportAsync(TransferEventKind kind, string? note, CancellationToken cancellationToken)
    {
        await ReportPendingCheckpointAsync(cancellationToken).ConfigureAwait(false);
        EnsureTempFileIntact();
        Flush();
        _checkpoint = _checkpoint with { BytesWritten = _position, BytesTotal = TotalBytes() };
        _lastCheckpointBytes = _position;
        _lastCheckpointTimestamp = _time.GetTimestamp();
        await _events.WriteAsync(new TransferEvent(kind, _checkpoint, Note: note), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// When a checkpoint is due, queues an fsync of the bytes written so far and goes on downloading; each checkpoint
    /// (of the bytes written before its fsync began) is reported once its fsync is done. On a fast link the fsyncs
    /// overlap the network instead of stalling it.
    /// </summary>
    private async ValueTask MaybeCheckpointAsync(CancellationToken cancellationToken)
    {
        while (_flushes.TryPeek(out var head) && head.Flush.IsCompleted)
        {
            await ReportNextFlushAsync(cancellationToken).ConfigureAwait(false);
        }

        if (_position - _lastCheckpointBytes >= _options.CheckpointBytes
            || _time.GetElapsedTime(_lastCheckpointTimestamp) >= _options.CheckpointInterval)
        {
            if (_flushes.Count >= MaxPendingFlushes)
            {
                await ReportNextFlushAsync(cancellationToken).ConfigureAwait(false);
            }

            EnsureTempFileIntact();
            var file = TempFile;
            _lastFlush = _lastFlush.ContinueWith(
                _ => RandomAccess.FlushToDisk(file), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            _flushes.Enqueue((_position, _lastFlush));
            _lastCheckpointBytes = _position;
            _lastCheckpointTimestamp = _time.GetTimestamp();
        }
    }

    /// <summary>Waits for the background fsyncs, if any, and reports their checkpoints in order.</summary>
    private async ValueTask ReportPendingCheckpointAsync(CancellationToken cancellationToken)
    {
        while (_flushes.Count > 0)
        {
            await ReportNextFlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async ValueTask ReportNextFlushAsync(CancellationToken cancellationToken)
    {
        var (bytes, flush) = _flushes.Dequeue();
        await AwaitFlushAsync(flush).ConfigureAwait(false);
        _checkpoint = _checkpoint with { BytesWritten = bytes, BytesTotal = TotalBytes() };
        await _events.WriteAsync(new TransferEvent(TransferEventKind.Checkpoint, _checkpoint), cancellationToken)
            .ConfigureAwait(false);
    }

    private async ValueTask AwaitFlushAsync(Task flush)
    {
        try
        {
            await flush.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            throw new TransferFailedException(
                FailureClassifier.ForLocal("flush the temp file", _request.TempPath, ex, ErrorContext.LocalFile), ex);
        }
    }

    /// <summary>Waits for the background fsyncs and forgets their checkpoints (the caller flushes or drops those bytes).</summary>
    private void DrainFlush()
    {
        _flushes.Clear();
        var last = _lastFlush;
        _lastFlush = Task.CompletedTask;
        try
        {
            last.GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // The caller's own flush reports any lasting problem; a dropped background fsync changes nothing.
        }
    }
}
