using System.Net;
using System.Net.Http.Headers;
using Orleans.Transfer.Http;

namespace Orleans.Transfer.Worker;

/// <summary>
/// Reads one URL with ranged GETs: one request per missing segment, resumed with Range and validated with If-Range
/// (strong ETag, else Last-Modified); a changed file, or a server that ignores Range while resuming, restarts the
/// file from zero. Every request starts at the file's own URL with the job's custom headers and follows redirects
/// under the job's policy (<see cref="RedirectFollower"/>). With dynamic content no request has a Range, and an
/// interruption, within the run or between runs, restarts the file from zero. A large file whose first response
/// allows it (ranges, a length and a strong ETag) goes on over up to <paramref name="connections"/> connections, one
/// per segment (<see cref="SegmentedCopier"/>). With the job's <paramref name="cap"/>, each request first takes a slot of
/// the server it goes to, and a split takes only the slots free at that moment; a resumed split fetches at once only
/// as many segments as it holds slots, the others as slots come free.
/// </summary>
internal sealed class HttpSource(HttpClient client, Uri uri, HttpTransferOptions? options, int connections = 1, ServerConnectionCap? cap = null)
    : ITransferSource
{
    private const string RangeUnsupportedNote =
        "The server ignores Range requests (or sends no length); an interruption restarts this file from zero.";

    private const string DynamicContentNote =
        "Dynamic content: no Range requests, so an interruption restarts this file from zero.";

    private readonly RedirectFollower _redirects = new(uri, options, SafeUrl.ForDisplay(uri));
    private readonly RedirectPolicy _policy = options?.Redirects ?? RedirectPolicy.Allow;
    private readonly bool _dynamic = options?.DynamicContent ?? false;

    public string DisplayName { get; } = SafeUrl.ForDisplay(uri);

    /// <summary>Fetches every missing segment; one call is one retry attempt, so a retry resumes from the bytes written.</summary>
    public async ValueTask TransferAsync(TransferSession session, CancellationToken cancellationToken)
    {
        if (_dynamic)
        {
            if (session.Segments.IsRanged)
            {
                throw new TransferFailedException(TransferFailures.RangesWithDynamicContent(DisplayName));
            }

            // Content made per request has no byte offsets to resume at: whatever came before is dropped.
            if (session.IsResuming)
            {
                session.Restart("dynamic content cannot resume, so the interrupted download starts again from zero");
            }
        }

        // The attempt holds its slots of the job's cap while bytes arrive; they are free during a retry's back-off and
        // the file's final flush, which other files' requests then overlap.
        using var slots = cap is null ? null : new ServerConnectionSlots(cap);

        // A segmented download resumes every segment; a changed file restarts it from zero, fetched below.
        if (session.Parallel is not null)
        {
            if (slots is not null)
            {
                // The file's own slot; its other segments run on the slots free now (SegmentedCopier), the rest wait.
                await slots.HoldAsync(uri, cancellationToken).ConfigureAwait(false);
            }

            await HttpSegmentOpener.ResumeAsync(session, new HttpSegmentOpener(this, session), slots, cancellationToken).ConfigureAwait(false);
        }

        while (session.Segments.TryLocate(session.Position, out var index, out var within))
        {
            await FetchAsync(session, index, within, slots, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>One request: a segment from <paramref name="within"/> on, or a restart when the file changed.</summary>
    private async Task FetchAsync(
        TransferSession session, int index, long within, ServerConnectionSlots? slots, CancellationToken cancellationToken)
    {
        if (slots is { Count: > 1 })
        {
            // A split that restarted from zero goes on over one connection first.
            slots.Release();
        }

        var segments = session.Segments;
        var segment = segments[index];
        var from = segment.Offset + within;
        long? to = segment.Length is { } length ? segment.Offset + length - 1 : null;
        var resuming = session.IsResuming;
        var checkpoint = session.Checkpoints.Current;
        using var stall = session.StartStallTimer(cancellationToken);
        var result = await _redirects.SendAsync(
            request =>
            {
                if (segments.IsRanged || resuming)
                {
                    request.Headers.Range = new RangeHeaderValue(from, to);
                    if (resuming)
                    {
                        AddIfRange(request, checkpoint);
                    }
                }
            },
            request => SendAsync(request, stall, session.JobId, slots, cancellationToken)).ConfigureAwait(false);

        // Each request starts at the file's own URL, so this is where the server sends it now.
        session.FinalUrl = result.Redirected && _policy != RedirectPolicy.Allow ? SafeUrl.ForDisplay(result.Final.ToString()) : null;
        if (result.Refused is { } refused)
        {
            throw new TransferFailedException(refused);
        }

        using var response = result.Response!;

        // We ask for identity; an encoded body is not the file's bytes and would be saved as if it were. Servers that do
        // this usually do it on some responses only (a misbehaving cache or proxy), so try again later.
        if (response.IsSuccessStatusCode && response.Content.Headers.ContentEncoding.Any(e => !e.Equals("identity", StringComparison.OrdinalIgnoreCase)))
        {
            throw new TransferFailedException(TransferFailures.UnrequestedEncoding(
                DisplayName, string.Join(", ", response.Content.Headers.ContentEncoding)));
        }

        var etag = response.Headers.ETag is { IsWeak: false } tag ? tag.Tag : null;
        var lastModified = response.Content.Headers.TryGetValues("Last-Modified", out var values) ? values.FirstOrDefault() : null;
        var changed = resuming && session.Checkpoints.ValidatorChanged(etag, lastModified);
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

                if (changed || (resuming && contentRange.Length is { } size && segments.RemoteSize is { } known && size != known))
                {
                    session.Restart("the remote file changed");
                    return;
                }

                if (sentFrom != from || sentTo < sentFrom || (to is { } end && sentTo > end))
                {
                    throw Invalid($"asked for bytes {from}-{to} but the server sent bytes {sentFrom}-{sentTo}.");
                }

                segments.RemoteSize = contentRange.Length ?? segments.RemoteSize;
                count = sentTo - sentFrom + 1;
                break;

            case HttpStatusCode.OK when segments.IsRanged:
                if (changed)
                {
                    session.Restart("the remote file changed");
                    return;
                }

                throw Invalid("the server ignored the Range request and sent the whole file, so the file's byte ranges "
                    + "cannot be fetched; use a server that supports ranges, or download the whole file.");

            case HttpStatusCode.OK:
                if (resuming)
                {
                    session.Restart(changed ? "the remote file changed" : "the server ignored the Range request");
                }

                count = response.Content.Headers.ContentLength;
                segments.RemoteSize = count;
                rangeUnsupported = _dynamic || (resuming && !changed) || count is null || !response.Headers.AcceptRanges.Contains("bytes");
                break;

            case HttpStatusCode.RequestedRangeNotSatisfiable when !segments.IsRanged && resuming:
                session.Restart("the remote file is now shorter than the bytes already downloaded");
                return;

            case HttpStatusCode.RequestedRangeNotSatisfiable:
                var actual = response.Content.Headers.ContentRange?.Length is { } total ? $" of {total} bytes" : string.Empty;
                throw new TransferFailedException(TransferFailures.InvalidRange(
                    DisplayName, $"the server rejected bytes {from}-{to} as outside the remote file{actual}."));

            case var status when (int)status is >= 200 and < 300:
                throw Invalid($"HTTP {(int)status} is not a file download (expected 200 or 206).");

            default:
                throw Failure(response, session);
        }

        // A ranged file stores only its ranges: those are bounded while streaming.
        session.EnsureFits(segments.IsRanged ? null : segments.RemoteSize);

        // A ranged file stores parts of the representation: no digest of the whole applies to it.
        if (!segments.IsRanged)
        {
            var digests = DigestHeaders.Read(response, response.StatusCode == HttpStatusCode.OK, session.Digests.Ignore);
            await session.Digests.ExpectFromServerAsync(digests, session.Position, cancellationToken).ConfigureAwait(false);
        }

        var note = _dynamic ? DynamicContentNote : rangeUnsupported ? RangeUnsupportedNote : null;
        await session.ConnectedAsync(etag, lastModified, rangeUnsupported, note, cancellationToken).ConfigureAwait(false);

        if (response.StatusCode == HttpStatusCode.OK && !resuming && !rangeUnsupported && etag is not null && !segments.IsRanged && count is { } fileSize
            && SegmentPlanner.Plan(fileSize, connections, session.Options.MinSegmentBytes) is { } wanted
            && Affordable(wanted, fileSize, slots, session.Options.MinSegmentBytes) is { } plan)
        {
            // This response streams on as the first segment; the others each get a connection of their own.
            stall.Disarm();
            session.BeginParallel(plan);
            var lead = new HttpSegmentBody(response, await ReadBodyAsync(response, stall).ConfigureAwait(false));
            await new SegmentedCopier(session, session.Parallel!, new HttpSegmentOpener(this, session), slots)
                .RunAsync(lead, cancellationToken).ConfigureAwait(false);
            return;
        }

        var received = await CopyBodyAsync(session, response, count, stall, cancellationToken).ConfigureAwait(false);
        if (count is { } expected && received < expected)
        {
            throw new TransientNetworkException(FailureClassifier.Transport(
                TransferErrorCode.TruncatedBody, DisplayName, $"The response ended after {received} of {expected} bytes"));
        }

        // Without a length, the end of the body is the end of the file.
        segments.RemoteSize ??= from + received;
    }

    /// <summary>
    /// The segments to fetch: as many of <paramref name="wanted"/> as the job's cap leaves free on the server that sent
    /// the first response (its slot is held), or null (one connection) when none is free.
    /// </summary>
    private static IReadOnlyList<FileSegment>? Affordable(
        IReadOnlyList<FileSegment> wanted, long size, ServerConnectionSlots? slots, long minSegmentBytes) =>
        slots is null ? wanted : SegmentPlanner.Plan(size, 1 + slots.TryAddMore(wanted.Count - 1), minSegmentBytes);

    /// <summary>
    /// Requests bytes <paramref name="from"/> to <paramref name="to"/> of a segmented download with If-Range: a 2xx
    /// or 416 response for the caller to check; other statuses throw as for any request.
    /// </summary>
    public async Task<HttpResponseMessage> SendRangeAsync(
        TransferSession session, long from, long to, StallTimer stall, CancellationToken cancellationToken)
    {
        var checkpoint = session.Checkpoints.Current;
        var result = await _redirects.SendAsync(
            request =>
            {
                request.Headers.Range = new RangeHeaderValue(from, to);
                AddIfRange(request, checkpoint);
            },
            request => SendAsync(request, stall, session.JobId, slots: null, cancellationToken)).ConfigureAwait(false);
        if (result.Refused is { } refused)
        {
            throw new TransferFailedException(refused);
        }

        var response = result.Response!;
        if (response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
        {
            return response;
        }

        using (response)
        {
            throw Failure(response, session);
        }
    }

    /// <summary>The response body, a stall while waiting for it mapped as in <see cref="CopyBodyAsync"/>.</summary>
    private async Task<Stream> ReadBodyAsync(HttpResponseMessage response, StallTimer stall)
    {
        try
        {
            return await response.Content.ReadAsStreamAsync(stall.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            throw NetworkFailure(ex, "before the body");
        }
    }

    /// <summary>The failure of a response that is not a file download: a challenge, a redirect with nowhere to go, an error.</summary>
    private TransferFailedException Failure(HttpResponseMessage response, TransferSession session) => response.StatusCode switch
    {
        HttpStatusCode.Unauthorized or HttpStatusCode.ProxyAuthenticationRequired =>
            new TransferFailedException(AuthenticationFailures.ForChallenge(response, DisplayName, options, session.JobId)),

        // A redirect with a Location here is one past the limit: the status row names it a loop.
        var status when (int)status is >= 300 and < 400 && !(RedirectFollower.IsRedirect(status) && response.Headers.Location is not null) =>
            Invalid($"HTTP {(int)status} without a Location to follow."),
        _ => new TransferFailedException(FailureClassifier.ForStatus(response, DisplayName, session.Time.GetUtcNow())),
    };

    private async Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request, StallTimer stall, Guid jobId, ServerConnectionSlots? slots, CancellationToken cancellationToken)
    {
        try
        {
            if (slots is not null && !slots.Holds(request.RequestUri!))
            {
                // Waiting while the job's other connections to this server end is not a stall.
                stall.Disarm();
                await slots.HoldAsync(request.RequestUri!, cancellationToken).ConfigureAwait(false);
            }

            stall.Arm();
            return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stall.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && ex.InnerException is not TimeoutException)
        {
            throw new TransientNetworkException(FailureClassifier.Transport(
                TransferErrorCode.Timeout, DisplayName, $"No response within {stall.Timeout.TotalSeconds:0.#} s"), ex);
        }
        catch (HttpRequestException ex) when (ex is { HttpRequestError: HttpRequestError.ProxyTunnelError, StatusCode: HttpStatusCode.ProxyAuthenticationRequired })
        {
            // The proxy answered the CONNECT for an https URL with 407: the handler throws instead of returning it.
            throw new TransferFailedException(AuthenticationFailures.ForProxyTunnel(DisplayName, options, jobId), ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // OperationCanceledException here is SocketsHttpHandler's ConnectTimeout, which wraps a TimeoutException.
            throw NetworkFailure(ex, detail: null);
        }
    }

    /// <summary>Streams the body through the session into the sink; returns the bytes received.</summary>
    private async Task<long> CopyBodyAsync(
        TransferSession session,
        HttpResponseMessage response,
        long? count,
        StallTimer stall,
        CancellationToken cancellationToken)
    {
        var start = session.Position;
        try
        {
            var body = await response.Content.ReadAsStreamAsync(stall.Token).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                return await session.CopyAsync(new HttpBodyReader(body), count, stall, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TransientNetworkException(FailureClassifier.Transport(
                TransferErrorCode.Stall,
                DisplayName,
                $"No data for {stall.Timeout.TotalSeconds:0.#} s after {session.Position - start} bytes of the response"), ex);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
        {
            throw NetworkFailure(ex, $"after {session.Position - start} bytes of the response");
        }
    }

    private static void AddIfRange(HttpRequestMessage request, FileCheckpoint checkpoint)
    {
        // Without a validator the server cannot tell us the file changed; the size check on 206 is all we have.
        if (checkpoint.ETag is { } etag && EntityTagHeaderValue.TryParse(etag, out var tag) && !tag.IsWeak)
        {
            request.Headers.IfRange = new RangeConditionHeaderValue(tag);
        }
        else if (checkpoint.LastModified is { } lastModified)
        {
            request.Headers.TryAddWithoutValidation("If-Range", lastModified);
        }
    }

    /// <summary>Classifies a connection fault: quick retries for those that may clear in seconds, else the run ends.</summary>
    private Exception NetworkFailure(Exception exception, string? detail)
    {
        var failure = FailureClassifier.ForNetwork(exception, DisplayName, detail, out var retryInRun);
        return retryInRun ? new TransientNetworkException(failure, exception) : new TransferFailedException(failure, exception);
    }

    private TransferFailedException Invalid(string problem) =>
        new(TransferFailures.InvalidResponse(DisplayName, problem));
}
