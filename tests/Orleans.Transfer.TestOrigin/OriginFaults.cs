using System.Globalization;
using System.IO.Compression;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;

namespace Orleans.Transfer.TestOrigin;

/// <summary>
/// The faults injected into one <see cref="OriginFile"/>'s responses: scripted drops, stalls and statuses, each for a
/// number of responses, and the strikes a chaos plan chose (statuses, resets, gzip). Thread-safe.
/// </summary>
internal sealed class OriginFaults
{
    private readonly Lock _lock = new();
    private Fault? _drop;
    private Fault? _stall;
    private (int Status, int Times, TimeSpan? RetryAfter)? _status;

    public void DropConnectionAfter(long bytes, int times, Action? onDrop)
    {
        lock (_lock)
        {
            _drop = new Fault(bytes, times, onDrop);
        }
    }

    public void StallAfter(long bytes, int times)
    {
        lock (_lock)
        {
            _stall = new Fault(bytes, times, null);
        }
    }

    public void RespondWithStatus(int statusCode, int times, TimeSpan? retryAfter)
    {
        lock (_lock)
        {
            _status = (statusCode, times, retryAfter);
        }
    }

    /// <summary>Uses up one response of each scripted fault; a status answers the response, consuming the others too.</summary>
    public (Fault? Drop, Fault? Stall, (int Code, TimeSpan? RetryAfter)? Status) Take()
    {
        lock (_lock)
        {
            var drop = Take(ref _drop);
            var stall = Take(ref _stall);
            if (_status is not { } status)
            {
                return (drop, stall, null);
            }

            _status = status.Times > 1 ? status with { Times = status.Times - 1 } : null;
            return (drop, stall, (status.Status, status.RetryAfter));
        }
    }

    public static void WriteStatus(HttpResponse response, int statusCode, TimeSpan? retryAfter)
    {
        response.StatusCode = statusCode;
        if (retryAfter is { } delay)
        {
            response.Headers.RetryAfter = ((long)delay.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        }

        response.ContentLength = 0;
    }

    public static void RespondWithChaosStatus(HttpResponse response, ChaosDecision chaos, OriginContent content)
    {
        chaos.Plan.Record(chaos.Fault);
        response.ContentLength = 0;
        switch (chaos.Fault)
        {
            case ChaosFault.ServiceUnavailable:
                response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                response.Headers.RetryAfter = ((long)Math.Ceiling(chaos.Plan.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                break;
            case ChaosFault.RangeNotSatisfiable:
                response.StatusCode = StatusCodes.Status416RangeNotSatisfiable;
                response.Headers.ContentRange = $"bytes */{content.Length}";
                break;
            default:
                response.StatusCode = StatusCodes.Status500InternalServerError;
                break;
        }
    }

    /// <summary>Injects a body fault; true when it ended the response.</summary>
    public static async Task<bool> StrikeAsync(HttpContext context, OriginFile file, OriginContent content, ChaosDecision strike)
    {
        strike.Plan.Record(strike.Fault);
        switch (strike.Fault)
        {
            case ChaosFault.Stall:
                await Task.Delay(strike.Plan.StallDuration, context.RequestAborted).ConfigureAwait(false);
                return false;
            case ChaosFault.Truncate:
                await DropAsync(context).ConfigureAwait(false);
                return true;
            case ChaosFault.ChangeContent:
                // The bytes sent so far are the old version; the client must notice the new ETag when it resumes.
                file.ChangeContent(content.Length, strike.NewSeed);
                context.Abort();
                return true;
            default:
                context.Abort();
                return true;
        }
    }

    /// <summary>The whole file gzip-compressed, as a server that ignores Accept-Encoding: identity would send it.</summary>
    public static async Task SendGzipAsync(HttpContext context, OriginContent content)
    {
        var raw = new byte[content.Length];
        content.Fill(0, raw);
        using var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            await gzip.WriteAsync(raw, context.RequestAborted).ConfigureAwait(false);
        }

        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.Headers.ContentEncoding = "gzip";
        response.ContentLength = compressed.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.Body.WriteAsync(compressed.GetBuffer().AsMemory(0, (int)compressed.Length), context.RequestAborted).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Ends the connection mid-body. A bare abort resets the socket, and a reset makes the client discard bytes it has
    /// received but not read yet; a FIN first lets the client read everything sent, then see the body cut short.
    /// </summary>
    public static async Task DropAsync(HttpContext context)
    {
        if (context.Features.Get<IConnectionSocketFeature>()?.Socket is { } socket)
        {
            socket.Shutdown(SocketShutdown.Send);
            try
            {
                // The client closes its side once it has read up to the FIN.
                await Task.Delay(TimeSpan.FromSeconds(10), context.RequestAborted).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Closed by the client, as expected.
            }
        }

        context.Abort();
    }

    private static Fault? Take(ref Fault? fault)
    {
        var current = fault;
        if (current is not null)
        {
            fault = current.Times > 1 ? current with { Times = current.Times - 1 } : null;
        }

        return current;
    }

    /// <summary>Cut the body after <paramref name="Bytes"/> bytes, for <paramref name="Times"/> more responses.</summary>
    internal sealed record Fault(long Bytes, int Times, Action? OnDrop);
}
