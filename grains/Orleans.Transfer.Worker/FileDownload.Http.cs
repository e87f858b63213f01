using System.Net;
using System.Net.Http.Headers;

namespace Orleans.Transfer.Worker;

internal sealed partial class FileDownload
{
    /// <summary>
    /// Fetches every missing segment; one call is one Polly attempt, so a retry resumes from the bytes written.
    /// </summary>
    private async Task DownloadHttpAsync(Uri uri, CancellationToken cancellationToken)
    {
        while (TryLocate(_position, out var index, out var within))
        {
            await FetchAsync(uri, index, within, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>One request: a segment from <paramref name="within"/> on, or a restart when the file changed.</summary>
    private async Task FetchAsync(Uri uri, int index, long within, CancellationToken cancellationToken)
    {
        var segment = _segments[index];
        var from = segment.Offset + within;
        long? to = segment.Length is { } length ? segment.Offset + length - 1 : null;
        var resuming = _position > 0;
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        if (_ranged || resuming)
        {
            request.Headers.Range = new RangeHeaderValue(from, to);
            if (resuming)
            {
                AddIfRange(request);
            }
        }

        using var stallTimer = new CancellationTokenSource(Timeout.InfiniteTimeSpan, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stallTimer.Token);
        using var response = await SendAsync(request, stallTimer, linked.Token, cancellationToken).ConfigureAwait(false);

        // We ask for identity; an encoded body is not the file's bytes and would be saved as if it were. Servers that do
        // this usually do it on some responses only (a misbehaving cache or proxy), so try again later.
        if (response.IsSuccessStatusCode && response.Content.Headers.ContentEncoding.Any(e => !e.Equals("identity", StringComparison.OrdinalIgnoreCase)))
        {
            throw new TransferFailedException(TransferFailures.UnrequestedEncoding(
                _displayUrl, string.Join(", ", response.Content.Headers.ContentEncoding)));
        }

        var etag = response.Headers.ETag is { IsWeak: false } tag ? tag.Tag : null;
        var lastModified = response.Content.Headers.TryGetValues("Last-Modified", out var values) ? values.FirstOrDefault() : null;
        var changed = resuming && ValidatorChanged(etag, lastModified);
        long? count;
        var rangeUnsupported = false;
        switch (response.StatusCode)
        {
            case HttpStatusCode.PartialContent:
                var contentRange = response.Content.Headers.ContentRange;
                if (contentRange is not { HasRange: true, From: { } sentFrom, To: { } sentTo } || contentRange.Unit != "bytes")
                {
                    throw Invalid("a 206 response without a usable Content-Range header.");
                }

                if (changed || (resuming && contentRange.Length is { } size && _remoteSize is { } known && size != known))
                {
                    Restart("the remote file changed");
                    return;
                }

                if (sentFrom != from || sentTo < sentFrom || (to is { } end && sentTo > end))
                {
                    throw Invalid($"asked for bytes {from}-{to} but the server sent bytes {sentFrom}-{sentTo}.");
                }

                _remoteSize = contentRange.Length ?? _remoteSize;
                count = sentTo - sentFrom + 1;
                break;

            case HttpStatusCode.OK when _ranged:
                if (changed)
                {
                    Restart("the remote file changed");
                    return;
                }

                throw Invalid("the server ignored the Range request and sent the whole file, so the file's byte ranges "
                    + "cannot be fetched; use a server that supports ranges, or download the whole file.");

            case HttpStatusCode.OK:
                if (resuming)
                {
                    Restart(changed ? "the remote file changed" : "the server ignored the Range request");
                }

                count = response.Content.Headers.ContentLength;
                _remoteSize = count;
                rangeUnsupported = (resuming && !changed) || count is null || !response.Headers.AcceptRanges.Contains("bytes");
                break;

            case HttpStatusCode.RequestedRangeNotSatisfiable when !_ranged && resuming:
                Restart("the remote file is now shorter than the bytes already downloaded");
                return;

            case HttpStatusCode.RequestedRangeNotSatisfiable:
                var actual = response.Content.Headers.ContentRange?.Length is { } total ? $" of {total} bytes" : string.Empty;
                throw new TransferFailedException(TransferFailures.InvalidRange(
                    _displayUrl, $"the server rejected bytes {from}-{to} as outside the remote file{actual}."));

            case var status when (int)status is >= 200 and < 300:
                throw Invalid($"HTTP {(int)status} is not a file download (expected 200 or 206).");

            default:
                throw new TransferFailedException(FailureClassifier.ForStatus(response, _displayUrl, _time.GetUtcNow()));
        }

        _checkpoint = _checkpoint with { ETag = etag, LastModified = lastModified, RangeUnsupported = rangeUnsupported };
        ValidateRanges();
        await ReportAsync(TransferEventKind.Connected, rangeUnsupported ? RangeUnsupportedNote : null, cancellationToken)
            .ConfigureAwait(false);

        var received = await CopyBodyAsync(response, count, stallTimer, linked.Token, cancellationToken).ConfigureAwait(false);
        if (count is { } expected && received < expected)
        {
            throw new TransientNetworkException(FailureClassifier.Transport(
                TransferErrorCode.TruncatedBody, _displayUrl, $"The response ended after {received} of {expected} bytes"));
        }

        // Without a length, the end of the body is the end of the file.
        _remoteSize ??= from + received;
    }

    private async Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request,
        CancellationTokenSource stallTimer,
        CancellationToken linkedToken,
        CancellationToken cancellationToken)
    {
        try
        {
            stallTimer.CancelAfter(_options.StallTimeout);
            return await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linkedToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && ex.InnerException is not TimeoutException)
        {
            throw new TransientNetworkException(FailureClassifier.Transport(
                TransferErrorCode.Timeout, _displayUrl, $"No response within {_options.StallTimeout.TotalSeconds:0.#} s"), ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // OperationCanceledException here is SocketsHttpHandler's ConnectTimeout, which wraps a TimeoutException.
            throw NetworkFailure(ex, detail: null);
        }
    }

    /// <summary>Streams the body into the temp file in buffer-sized writes; returns the bytes received.</summary>
    private async Task<long> CopyBodyAsync(
        HttpResponseMessage response,
        long? count,
        CancellationTokenSource stallTimer,
        CancellationToken linkedToken,
        CancellationToken cancellationToken)
    {
        long received = 0;
        try
        {
            var body = await response.Content.ReadAsStreamAsync(linkedToken).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                while (count is null || received < count)
                {
                    var want = count is { } c ? (int)Math.Min(_options.BufferSize, c - received) : _options.BufferSize;
                    var filled = await FillAsync(body, want, stallTimer, linkedToken, cancellationToken).ConfigureAwait(false);
                    if (filled == 0)
                    {
                        break;
                    }

                    await WriteAsync(filled, cancellationToken).ConfigureAwait(false);
                    received += filled;
                    await MaybeCheckpointAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TransientNetworkException(FailureClassifier.Transport(
                TransferErrorCode.Stall,
                _displayUrl,
                $"No data for {_options.StallTimeout.TotalSeconds:0.#} s after {received} bytes of the response"), ex);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
        {
            throw NetworkFailure(ex, $"after {received} bytes of the response");
        }

        return received;
    }

    /// <summary>
    /// Reads until the buffer holds <paramref name="want"/> bytes, the body ends, or a quarter of the checkpoint
    /// interval passed: few large writes, yet slow links still checkpoint on time. Under a bandwidth limit, reads are
    /// one quantum each and paced, and a write follows every four quanta.
    /// </summary>
    private async Task<int> FillAsync(
        Stream body,
        int want,
        CancellationTokenSource stallTimer,
        CancellationToken linkedToken,
        CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var quantum = _throttle.Quantum;

        // Under a limit, write every few quanta (at most a quarter of a second of the fastest cap) instead of a full
        // buffer: bytes then reach the disk as evenly as they are paced, with no 1 MiB steps in the per-second rate.
        if (quantum < want)
        {
            want = (int)Math.Min(want, 4L * quantum);
        }

        var filled = 0;
        while (filled < want)
        {
            stallTimer.CancelAfter(_options.StallTimeout);
            var read = await body.ReadAsync(_buffer.AsMemory(filled, Math.Min(want - filled, quantum)), linkedToken)
                .ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            filled += read;

            // Waiting on the bandwidth limit is not a stall.
            stallTimer.CancelAfter(Timeout.InfiniteTimeSpan);
            await _throttle.PaceAsync(read, cancellationToken).ConfigureAwait(false);
            if (_time.GetElapsedTime(started) >= _options.CheckpointInterval / 4)
            {
                break;
            }
        }

        return filled;
    }

    private void AddIfRange(HttpRequestMessage request)
    {
        // Without a validator the server cannot tell us the file changed; the size check on 206 is all we have.
        if (_checkpoint.ETag is { } etag && EntityTagHeaderValue.TryParse(etag, out var tag) && !tag.IsWeak)
        {
            request.Headers.IfRange = new RangeConditionHeaderValue(tag);
        }
        else if (_checkpoint.LastModified is { } lastModified)
        {
            request.Headers.TryAddWithoutValidation("If-Range", lastModified);
        }
    }

    private bool ValidatorChanged(string? etag, string? lastModified)
    {
        if (_checkpoint.ETag is { } known)
        {
            return !string.Equals(known, etag, StringComparison.Ordinal);
        }

        return _checkpoint.LastModified is { } knownDate && !string.Equals(knownDate, lastModified, StringComparison.Ordinal);
    }

    /// <summary>Classifies a connection fault: quick retries for those that may clear in seconds, else the run ends.</summary>
    private Exception NetworkFailure(Exception exception, string? detail)
    {
        var failure = FailureClassifier.ForNetwork(exception, _displayUrl, detail, out var retryInRun);
        return retryInRun ? new TransientNetworkException(failure, exception) : new TransferFailedException(failure, exception);
    }

    private TransferFailedException Invalid(string problem) =>
        new(TransferFailures.InvalidResponse(_displayUrl, problem));
}
