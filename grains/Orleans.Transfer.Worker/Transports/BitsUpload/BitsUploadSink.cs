using System.Buffers;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;

namespace Orleans.Transfer.Worker;

/// <summary>
/// The remote end of a BITS upload (digest §2, §6, §7, §9, §11): opens or resumes a session, sends the bytes written in
/// order as fragments of one pooled buffer (one outstanding request), and counts them durable once the server's Ack
/// says it holds them. The Ack's BITS-Received-Content-Range is the truth: bytes it holds beyond ours are skipped,
/// fewer than it acknowledged is a lost session (a new one from zero). <see cref="Flush"/> may run on a checkpoint's
/// thread while writes go on: one gate serializes them.
/// </summary>
internal sealed partial class BitsUploadSink : ITransferSink
{
    private readonly BitsSession _session;
    private readonly FileTransferRequest _request;
    private readonly BitsUploadOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly FragmentSizer _sizer;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private byte[]? _buffer;
    private long _acked;
    private int _count;
    private long? _total;
    private bool _sentInSession;
    private bool _finalReleased;
    private string? _replyUrl;
    private CancellationToken _token;

    public BitsUploadSink(
        HttpClient client, Uri uri, FileTransferRequest request, BitsUploadOptions options, TimeProvider time, ILogger logger)
    {
        _session = new BitsSession(client, uri, request, options, time, logger);
        _request = request;
        _options = options;
        _time = time;
        _logger = logger;
        _sizer = new FragmentSizer(options);
    }

    public string DisplayName => _session.DisplayName;

    public bool IsOpen => _buffer is not null;

    public UploadSessionRef? UploadSession => _session.Ref;

    public string? ReplyUrl => Volatile.Read(ref _replyUrl);

    public long DurableOf(long written) => Math.Min(written, Interlocked.Read(ref _acked));

    /// <summary>Where the server's next expected byte is: every byte before it is durable.</summary>
    private long End => _acked + _count;

    public async ValueTask<long> OpenAsync(long durableBytes, CancellationToken cancellationToken)
    {
        _token = cancellationToken;
        _buffer = ArrayPool<byte>.Shared.Rent(_options.MaxFragmentBytes);
        if (_request.Checkpoint.UploadSession is { } stored)
        {
            // An upload-reply whose every byte is acknowledged but whose reply URL was never seen (the run failed or the
            // silo died after the last Ack) sends its last byte again: the server answers it with the reply URL,
            // notifying its application again if that failed before.
            var resumeAt = _request.ExpectReply && durableBytes > 0 && durableBytes == _request.Checkpoint.BytesTotal
                ? durableBytes - 1
                : durableBytes;
            _acked = resumeAt;
            _sentInSession = resumeAt > 0;
            await _session.ResumeAsync(stored, cancellationToken).ConfigureAwait(false);
            LogSessionResumed(_logger, _request.JobId, _request.FileIndex, stored.SessionId, resumeAt);
            return resumeAt;
        }

        await CreateSessionAsync(cancellationToken).ConfigureAwait(false);
        return 0;
    }

    public void SourceSized(long bytes)
    {
        _gate.Wait();
        _total = bytes;
        _gate.Release();
    }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, long position, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (position > End)
            {
                throw new InvalidOperationException($"The upload sink was given bytes at {position} but holds bytes up to {End} only.");
            }

            while (true)
            {
                // Drops bytes the server already holds (an Ack may jump ahead: it kept more than this run sent) or that
                // this sink kept from a failed attempt.
                var known = End - position;
                if (known >= data.Length)
                {
                    return;
                }

                data = data[(int)known..];
                position += known;
                if (_count >= _sizer.Size)
                {
                    await SendFragmentAsync(Math.Min(_count, _sizer.Size), cancellationToken).ConfigureAwait(false);
                    continue;
                }

                var take = Math.Min(_sizer.Size - _count, data.Length);
                data[..take].CopyTo(_buffer.AsMemory(_count));
                _count += take;
                data = data[take..];
                position += take;

                // The file's last fragment waits for Flush: the source checks the local file once more before it goes.
                if (_count >= _sizer.Size && End != _total)
                {
                    await SendFragmentAsync(_sizer.Size, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Flush() => Exclusively(FlushAsync);

    public void Finish() => Exclusively(FinishAsync);

    public TransferFailedException FlushFailed(Exception exception) => new(
        FailureClassifier.Transport(TransferErrorCode.NetworkError, DisplayName, $"Sending a fragment failed ({exception.Message})"),
        exception);

    public void Reset()
    {
        _gate.Wait();
        try
        {
            // The session holds bytes of the file: starting again from zero needs a new session.
            if (_sentInSession || _acked > 0)
            {
                NewSession();
            }

            _count = 0;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void EnsureIntact(long position)
    {
    }

    public void Replace()
    {
        _gate.Wait();
        try
        {
            NewSession();
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        _gate.Wait();
        if (_buffer is { } buffer)
        {
            _buffer = null;
            ArrayPool<byte>.Shared.Return(buffer);
        }

        _gate.Release();
    }

    private void NewSession()
    {
        LogNewSession(_logger, _request.JobId, _request.FileIndex, _session.Id ?? "(none)", _acked);
        CreateSessionAsync(_token).GetAwaiter().GetResult();
    }

    /// <summary>What a flush may send: everything, or, until the last byte is released, all but the fragment that holds it.</summary>
    /// <summary>Runs <paramref name="work"/> alone and waits for it: the pipeline flushes from another thread than it writes.</summary>
    private void Exclusively(Func<CancellationToken, Task> work)
    {
        _gate.Wait();
        try
        {
            work(_token).GetAwaiter().GetResult();
        }
        finally
        {
            _gate.Release();
        }
    }

    private int Sendable() => _finalReleased || End != _total || _count == 0 ? _count : _count - (((_count - 1) % _sizer.Size) + 1);

    private Task CreateSessionAsync(CancellationToken cancellationToken)
    {
        Volatile.Write(ref _replyUrl, null);
        _acked = 0;
        _count = 0;
        _sentInSession = false;
        return _session.CreateAsync(cancellationToken);
    }

    /// <summary>
    /// Sends every byte held but the fragment with the file's last byte, which only <see cref="Finish"/> releases (B64:
    /// the source checks the local file once more before the server may complete it); then, when released, an empty
    /// file's one fragment.
    /// </summary>
    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        while (Sendable() is var sendable and > 0)
        {
            await SendFragmentAsync(Math.Min(sendable, _sizer.Size), cancellationToken).ConfigureAwait(false);
        }

        if (_total == 0 && !_sentInSession && _finalReleased)
        {
            await SendEmptyAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Sends the first <paramref name="length"/> bytes held as one fragment and moves on to where the Ack says the
    /// server is; on 413 shrinks the fragment size and returns, so the caller sends a smaller one.
    /// </summary>
    private async Task SendFragmentAsync(int length, CancellationToken cancellationToken)
    {
        var total = _total ?? throw new InvalidOperationException("The upload sink was written before the source's size was known.");
        var from = _acked;
        var started = _time.GetTimestamp();
        ReceivedAck ack;
        try
        {
            ack = await _session.SendAsync(
                BitsHeaders.Fragment,
                _buffer.AsMemory(0, length),
                new ContentRangeHeaderValue(from, from + length - 1, total),
                cancellationToken).ConfigureAwait(false);
        }
        catch (TransientNetworkException)
        {
            _sizer.Shrink();
            throw;
        }

        _sentInSession = true;
        switch (ack.Status)
        {
            case >= 200 and < 300:
                Accept(ack.ReceivedContentRange ?? from + length, ack);
                _sizer.Acknowledged(length, _time.GetElapsedTime(started));
                break;
            case 416:
                Accept(ack.ReceivedContentRange
                    ?? throw BitsAckFailures.Invalid(DisplayName, "a 416 Ack to a fragment without BITS-Received-Content-Range."), ack);
                break;
            case 413 when !ack.SessionNotFound:
                if (_sizer.AtFloor)
                {
                    throw new TransferFailedException(new TransferFailure(
                        TransferErrorCode.HttpStatus,
                        ErrorContext.RemoteFile,
                        $"HTTP 413 from {DisplayName}: the server refuses even {length}-byte fragments; raise its request size limit, then resume the job.",
                        413,
                        IsTransient: false));
                }

                _sizer.Shrink();
                LogFragmentShrunk(_logger, _request.JobId, _request.FileIndex, length, _sizer.Size);
                break;
            default:
                var failure = BitsAckFailures.For(ack, BitsHeaders.Fragment, DisplayName);
                if (failure is TransientNetworkException)
                {
                    _sizer.Shrink();
                }

                throw failure;
        }
    }

    /// <summary>
    /// The empty file's one fragment (digest §11: <c>bytes */0</c>); a server that refuses it gets Close-Session
    /// directly, which commits an empty file on lenient servers.
    /// </summary>
    private async Task SendEmptyAsync(CancellationToken cancellationToken)
    {
        var ack = await _session.SendAsync(BitsHeaders.Fragment, ReadOnlyMemory<byte>.Empty, new ContentRangeHeaderValue(0), cancellationToken)
            .ConfigureAwait(false);
        _sentInSession = true;
        if (ack.IsSuccess || ack.Status == 416)
        {
            Accept(0, ack);
        }
        else if (ack.Status is < 400 or >= 500 || ack.SessionNotFound)
        {
            throw BitsAckFailures.For(ack, BitsHeaders.Fragment, DisplayName);
        }
    }

    /// <summary>The server holds <paramref name="next"/> bytes: drops what it holds from the buffer, or finds the session lost.</summary>
    private void Accept(long next, ReceivedAck ack)
    {
        var total = _total!.Value;
        if (next > total)
        {
            throw BitsAckFailures.Invalid(DisplayName, $"the server says it holds {next} bytes of a {total}-byte file.");
        }

        if (next < _acked)
        {
            throw new SinkLostException(
                $"the upload server holds {next} bytes of {DisplayName}, fewer than the {_acked} it acknowledged; the file starts again in a new session",
                TransferErrorCode.UploadRefused,
                ErrorContext.RemoteFile);
        }

        if (next > End)
        {
            LogServerHoldsMore(_logger, _request.JobId, _request.FileIndex, next, End);
        }

        var drop = (int)Math.Min(next - _acked, _count);
        _buffer.AsSpan(drop, _count - drop).CopyTo(_buffer);
        _count -= drop;
        _acked = next;
        if (next == total && _request.ExpectReply)
        {
            Volatile.Write(ref _replyUrl, ack.ReplyUrl is { } reply ? _session.ResolveReply(reply) : null);
        }
    }

    /// <summary>
    /// Releases and sends the fragment with the last byte; then the whole file is acknowledged: an upload-reply needs its
    /// reply URL, a plain upload closes its session.
    /// </summary>
    private async Task FinishAsync(CancellationToken cancellationToken)
    {
        _finalReleased = true;
        await FlushAsync(cancellationToken).ConfigureAwait(false);
        if (_total is not { } total || _acked != total || _count > 0)
        {
            throw new InvalidOperationException($"The upload was finished with {_acked} of {_total} bytes acknowledged.");
        }

        if (_request.ExpectReply)
        {
            if (_replyUrl is null)
            {
                throw BitsAckFailures.Invalid(DisplayName, "the server acknowledged the last byte without BITS-Reply-URL, which an "
                    + "upload-reply job needs (is the virtual directory set up to notify a server application?).");
            }

            return;
        }

        await _session.CloseAsync(cancellationToken).ConfigureAwait(false);
    }
}
