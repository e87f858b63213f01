using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;

namespace Orleans.Transfer.TestOrigin;

/// <summary>
/// A file served by <see cref="TestOrigin"/>, with behaviour controls and counters. All members are thread-safe and
/// may be changed while requests run; a response keeps the content version it started with.
/// </summary>
public sealed class OriginFile
{
    private const int ChunkSize = 256 * 1024;
    private static long s_version;

    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly ConcurrentQueue<string?> _rangeHeaders = new();
    private readonly OriginFaults _faults = new();
    private readonly ConcurrentDictionary<string, string> _headers = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<long, OriginFaults.Fault> _rangeDrops = new();
    private Action? _afterFullBody;
    private OriginContent _content;
    private int _requests;
    private long _bodyBytesSent;
    private long _throttle;
    private long _dripTicks;
    private volatile bool _ignoreRange;
    private volatile bool _omitContentLength;

    internal OriginFile(string name, long length, Action<long, Span<byte>> fill, TimeProvider time)
    {
        Name = name;
        _time = time;
        _content = NewVersion(length, fill, previous: null);
    }

    /// <summary>The name in the URL path.</summary>
    public string Name { get; }

    /// <summary>Current content length.</summary>
    public long Length => Current.Length;

    /// <summary>Current strong ETag, quoted.</summary>
    public string ETag => Current.ETag;

    /// <summary>Always answer 200 with the whole body and no Accept-Ranges, like a server without range support.</summary>
    public bool IgnoreRange { get => _ignoreRange; set => _ignoreRange = value; }

    /// <summary>Send no Content-Length (chunked body).</summary>
    public bool OmitContentLength { get => _omitContentLength; set => _omitContentLength = value; }

    /// <summary>Pace response bodies to this many bytes per second; 0 (default) for full speed.</summary>
    public long ThrottleBytesPerSecond { get => Interlocked.Read(ref _throttle); set => Interlocked.Exchange(ref _throttle, value); }

    /// <summary>
    /// Send bodies one byte at a time, waiting this long (real time) after each, like a server that drip-feeds to hold
    /// the connection; zero (default) for normal chunks.
    /// </summary>
    public TimeSpan DripInterval { get => TimeSpan.FromTicks(Interlocked.Read(ref _dripTicks)); set => Interlocked.Exchange(ref _dripTicks, value.Ticks); }

    /// <summary>GET requests received (HEAD included).</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Body bytes sent over all responses, including those of dropped connections.</summary>
    public long BodyBytesSent => Interlocked.Read(ref _bodyBytesSent);

    /// <summary>The Range header of each request in order, null where there was none.</summary>
    public IReadOnlyList<string?> RangeHeaders => [.. _rangeHeaders];

    /// <summary>Aborts the connection after <paramref name="bytes"/> body bytes of each of the next responses.</summary>
    /// <param name="bytes">Body bytes to send before aborting.</param>
    /// <param name="times">How many responses to drop.</param>
    /// <param name="onDrop">Runs just before each abort, e.g. to change the content mid-download.</param>
    public void DropConnectionAfter(long bytes, int times = 1, Action? onDrop = null) => _faults.DropConnectionAfter(bytes, times, onDrop);

    /// <summary>
    /// Drops the connection of the next ranged response that starts at byte <paramref name="from"/> after
    /// <paramref name="bytes"/> body bytes (one segment of a segmented download), then runs <paramref name="onDrop"/>.
    /// </summary>
    public void DropRangeAfter(long from, long bytes, Action? onDrop = null) => _rangeDrops[from] = new OriginFaults.Fault(bytes, 1, onDrop);

    /// <summary>Stops sending after <paramref name="bytes"/> body bytes of the next responses, until the client gives up.</summary>
    public void StallAfter(long bytes, int times = 1) => _faults.StallAfter(bytes, times);

    /// <summary>Answers the next <paramref name="times"/> requests with <paramref name="statusCode"/> and no body.</summary>
    public void RespondWithStatus(int statusCode, int times = 1, TimeSpan? retryAfter = null) =>
        _faults.RespondWithStatus(statusCode, times, retryAfter);

    /// <summary>Sends a header (a digest, say) with every response that serves the file; null stops sending it.</summary>
    public void SetHeader(string name, string? value)
    {
        if (value is null)
        {
            _headers.TryRemove(name, out _);
        }
        else
        {
            _headers[name] = value;
        }
    }

    /// <summary>
    /// Runs <paramref name="action"/> once, when the next response has written its whole body (e.g. to change the content
    /// for the requests after it).
    /// </summary>
    public void AfterNextFullBody(Action action) => Volatile.Write(ref _afterFullBody, action);

    /// <summary>Replaces the content; the file gets a new ETag and a later Last-Modified.</summary>
    public void ChangeContent(byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        Replace(content.Length, OriginContent.FromBytes(content));
    }

    /// <summary>Replaces the content with generated bytes; the file gets a new ETag and a later Last-Modified.</summary>
    public void ChangeContent(long length, int seed) => Replace(length, OriginContent.FromSeed(seed));

    /// <summary>The current content's SHA-256, lowercase hex.</summary>
    public string ComputeSha256()
    {
        var content = Current;
        return GeneratedContent.ComputeSha256(content.Length, content.Fill);
    }

    /// <summary>Reads <paramref name="count"/> bytes of the current content from <paramref name="offset"/>.</summary>
    public byte[] Read(long offset, int count)
    {
        var bytes = new byte[count];
        Current.Fill(offset, bytes);
        return bytes;
    }

    private OriginContent Current
    {
        get
        {
            lock (_lock)
            {
                return _content;
            }
        }
    }

    internal async Task ServeAsync(HttpContext context, ChaosDecision? chaos = null)
    {
        Interlocked.Increment(ref _requests);
        var request = context.Request;
        var response = context.Response;
        _rangeHeaders.Enqueue(request.Headers.Range.Count > 0 ? request.Headers.Range.ToString() : null);

        OriginContent content;
        OriginFaults.Fault? drop;
        OriginFaults.Fault? stall;
        (int Code, TimeSpan? RetryAfter)? status;

        // Taken together, so a response sees the content and the faults of one moment.
        lock (_lock)
        {
            content = _content;
            (drop, stall, status) = _faults.Take();
        }

        if (status is { } scripted)
        {
            OriginFaults.WriteStatus(response, scripted.Code, scripted.RetryAfter);
            return;
        }

        if (chaos is { Fault: ChaosFault.ServiceUnavailable or ChaosFault.InternalServerError or ChaosFault.RangeNotSatisfiable })
        {
            OriginFaults.RespondWithChaosStatus(response, chaos, content);
            return;
        }

        response.Headers.ETag = content.ETag;
        foreach (var (name, value) in _headers)
        {
            response.Headers[name] = value;
        }

        response.Headers.LastModified = content.LastModified.ToString("R", CultureInfo.InvariantCulture);
        response.ContentType = "application/octet-stream";
        if (chaos is { Fault: ChaosFault.Gzip })
        {
            chaos.Plan.Record(ChaosFault.Gzip);
            await OriginFaults.SendGzipAsync(context, content).ConfigureAwait(false);
            return;
        }

        var ignoreRange = IgnoreRange || chaos is { Fault: ChaosFault.IgnoreRange };
        if (chaos is { Fault: ChaosFault.IgnoreRange })
        {
            chaos.Plan.Record(ChaosFault.IgnoreRange);
        }

        if (!ignoreRange)
        {
            response.Headers.AcceptRanges = "bytes";
        }

        long from = 0;
        var count = content.Length;
        if (!ignoreRange && TryGetRange(request, content, out var rangeFrom, out var rangeTo))
        {
            if (rangeFrom >= content.Length)
            {
                response.StatusCode = StatusCodes.Status416RangeNotSatisfiable;
                response.Headers.ContentRange = $"bytes */{content.Length}";
                response.ContentLength = 0;
                return;
            }

            var to = Math.Min(rangeTo, content.Length - 1);
            from = rangeFrom;
            count = to - from + 1;
            drop = _rangeDrops.TryRemove(from, out var rangeDrop) ? rangeDrop : drop;
            response.StatusCode = StatusCodes.Status206PartialContent;
            response.Headers.ContentRange = $"bytes {from}-{to}/{content.Length}";
        }

        if (!OmitContentLength)
        {
            response.ContentLength = count;
        }

        if (HttpMethods.IsHead(request.Method))
        {
            return;
        }

        var strike = chaos is { IsBodyFault: true } && count > 0 ? chaos : null;
        await SendBodyAsync(context, content, from, count, drop, stall, strike).ConfigureAwait(false);
    }

    private async Task SendBodyAsync(
        HttpContext context, OriginContent content, long from, long count, OriginFaults.Fault? drop, OriginFaults.Fault? stall, ChaosDecision? strike)
    {
        var writer = context.Response.BodyWriter;
        var aborted = context.RequestAborted;
        var limit = Math.Min(drop?.Bytes ?? long.MaxValue, stall?.Bytes ?? long.MaxValue);
        var strikeAt = strike is null ? long.MaxValue : (long)(count * strike.Fraction);
        var stopwatch = Stopwatch.StartNew();
        long sent = 0;
        while (sent < count && sent < limit)
        {
            if (sent == strikeAt)
            {
                if (await OriginFaults.StrikeAsync(context, this, content, strike!).ConfigureAwait(false))
                {
                    return;
                }

                strikeAt = long.MaxValue;
            }

            var throttle = ThrottleBytesPerSecond;
            var drip = DripInterval;
            var chunk = drip > TimeSpan.Zero ? 1 : throttle > 0 ? (int)Math.Clamp(throttle / 20, 1024, ChunkSize) : ChunkSize;
            var size = (int)Math.Min(Math.Min(chunk, count - sent), Math.Min(limit, strikeAt) - sent);
            var memory = writer.GetMemory(size);
            content.Fill(from + sent, memory.Span[..size]);
            writer.Advance(size);
            if (sent + size >= count)
            {
                // Before the last flush, so the client cannot ask again before the action ran; this response keeps its content.
                Interlocked.Exchange(ref _afterFullBody, null)?.Invoke();
            }

            await writer.FlushAsync(aborted).ConfigureAwait(false);
            sent += size;
            Interlocked.Add(ref _bodyBytesSent, size);
            if (drip > TimeSpan.Zero)
            {
                await Task.Delay(drip, aborted).ConfigureAwait(false);
            }
            else if (throttle > 0)
            {
                // Pace against the start so rounding never accumulates.
                var ahead = TimeSpan.FromSeconds((double)sent / throttle) - stopwatch.Elapsed;
                if (ahead > TimeSpan.Zero)
                {
                    await Task.Delay(ahead, aborted).ConfigureAwait(false);
                }
            }
        }

        if (sent >= count)
        {
            return;
        }

        if (drop is not null && sent >= drop.Bytes)
        {
            drop.OnDrop?.Invoke();
            await OriginFaults.DropAsync(context).ConfigureAwait(false);
            return;
        }

        try
        {
            await Task.Delay(Timeout.Infinite, aborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The client gave up on the stalled response, which is what a stall test waits for.
        }
    }

    private static bool TryGetRange(HttpRequest request, OriginContent content, out long from, out long to)
    {
        from = 0;
        to = 0;
        if (!RangeHeaderValue.TryParse(request.Headers.Range.ToString(), out var range)
            || range.Unit != "bytes" || range.Ranges.Count != 1)
        {
            return false;
        }

        var ifRange = request.Headers.IfRange.ToString();
        if (ifRange.Length > 0 && ifRange != content.ETag
            && ifRange != content.LastModified.ToString("R", CultureInfo.InvariantCulture))
        {
            return false;
        }

        var item = range.Ranges.First();
        if (item.From is { } start)
        {
            from = start;
            to = item.To ?? long.MaxValue;
        }
        else if (item.To is { } suffix)
        {
            from = Math.Max(0, content.Length - suffix);
            to = long.MaxValue;
        }

        return true;
    }

    private void Replace(long length, Action<long, Span<byte>> fill)
    {
        lock (_lock)
        {
            _content = NewVersion(length, fill, _content);
        }
    }

    private OriginContent NewVersion(long length, Action<long, Span<byte>> fill, OriginContent? previous)
    {
        // HTTP dates have one-second resolution: a new version must look newer even within the same second.
        var now = _time.GetUtcNow();
        var lastModified = new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        if (previous is not null && lastModified <= previous.LastModified)
        {
            lastModified = previous.LastModified.AddSeconds(1);
        }

        var etag = $"\"{Interlocked.Increment(ref s_version):x}-{length:x}\"";
        return new OriginContent(length, fill, etag, lastModified);
    }
}
